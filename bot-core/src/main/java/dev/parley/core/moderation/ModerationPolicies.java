package dev.parley.core.moderation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeSettings;
import dev.parley.core.settings.SettingsStore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The moderation policy of each scope: the configured defaults with what the scope's admins set
 * on top (their category settings, directions, notices and failure mode replace the defaults;
 * their terms and exempt roles add to them). Policies are built once and cached; a settings change
 * must call {@link #invalidate} so it takes effect with the next message.
 */
public final class ModerationPolicies {

    /** The category reported for a blocked term; see {@link ModerationPolicy#CUSTOM_CATEGORY}. */
    static final String TERM_CATEGORY = ModerationPolicy.CUSTOM_CATEGORY;

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
        Map<Category, CategorySetting> categories = new EnumMap<>(Category.class);
        categories.putAll(defaults.categories());
        categories.putAll(own.categories());
        List<String> blocked = new ArrayList<>(defaults.blockedTerms());
        blocked.addAll(own.blockedTerms());
        List<String> allowed = new ArrayList<>(defaults.allowedTerms());
        allowed.addAll(own.allowedTerms());
        Set<String> exempt = new HashSet<>(defaults.exemptRoles());
        exempt.addAll(own.exemptRoles());
        return new ModerationPolicy(categories,
                Objects.requireNonNullElse(own.directions(), defaults.directions()),
                TermList.of(blocked, normaliser),
                TermList.of(allowed, normaliser),
                exempt,
                Objects.requireNonNullElse(own.onFailure(), defaults.onFailure()),
                Objects.requireNonNullElse(own.inputNotice(), defaults.inputNotice()),
                Objects.requireNonNullElse(own.outputNotice(), defaults.outputNotice()),
                defaults.unavailableNotice(),
                new BlockReporting(own.auditChannel(), Objects.requireNonNullElse(own.excerpt(), ExcerptMode.NONE)),
                defaults.selfHarmNotice());
    }
}
