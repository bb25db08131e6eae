package dev.parley.core.moderation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeSettings;
import dev.parley.core.settings.SettingsStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The moderation policy of each scope: the configured defaults plus what the scope's admins
 * added. Policies are built once and cached; a settings change must call {@link #invalidate} so
 * it takes effect with the next message.
 */
public final class ModerationPolicies {

    /** The category reported for a blocked term until terms carry categories of their own. */
    static final String TERM_CATEGORY = "custom";

    private final SettingsStore settings;
    private final ModerationDefaults defaults;
    private final TextNormaliser normaliser;
    private final Cache<ScopeKey, ModerationPolicy> cache;

    public ModerationPolicies(SettingsStore settings, ModerationDefaults defaults, TextNormaliser normaliser) {
        this.settings = settings;
        this.defaults = defaults;
        this.normaliser = normaliser;
        this.cache = Caffeine.newBuilder().maximumSize(10_000).build();
    }

    /** The policy in force for {@code scope}. */
    public ModerationPolicy forScope(ScopeKey scope) {
        return cache.get(scope, this::build);
    }

    /** Drops the cached policy of {@code scope}; call after its settings changed. */
    public void invalidate(ScopeKey scope) {
        cache.invalidate(scope);
    }

    private ModerationPolicy build(ScopeKey scope) {
        ScopeSettings own = settings.load(scope);
        List<String> terms = new ArrayList<>(defaults.blockedTerms());
        terms.addAll(own.blockedTerms());
        List<ModerationRule> rules = List.of(new BlockedTermsRule(terms, TERM_CATEGORY, normaliser));
        return new ModerationPolicy(rules, defaults.directions(), defaults.inputNotice(), defaults.outputNotice());
    }
}
