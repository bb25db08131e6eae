package dev.parley.core.settings;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.core.conversation.Location;
import dev.parley.core.moderation.BlockReporting;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategorySetting;
import dev.parley.core.moderation.ExcerptMode;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.TermList;
import dev.parley.core.moderation.TextNormaliser;
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
 * their terms and exempt roles add to them), and in a channel with moderation of its own, that on
 * top in the same way. Policies are built once and cached; a settings change must call
 * {@link #invalidate} so it takes effect with the next message.
 */
public final class ModerationPolicies {

    /** The category reported for a blocked term; see {@link ModerationPolicy#CUSTOM_CATEGORY}. */
    static final String TERM_CATEGORY = ModerationPolicy.CUSTOM_CATEGORY;

    private final SettingsStore settings;
    private final ModerationDefaults defaults;
    private final TextNormaliser normaliser;
    private final ChannelSettingsStore channels;
    private final Cache<ScopeKey, ModerationPolicy> cache;
    private final Cache<ChannelKey, ModerationPolicy> channelCache;

    /** Policies of scopes whose channels have no moderation of their own. */
    public ModerationPolicies(SettingsStore settings, ModerationDefaults defaults, TextNormaliser normaliser) {
        this(settings, new InMemoryChannelSettingsStore(), defaults, normaliser);
    }

    /**
     * Policies of scopes, each channel's overlaid with its own moderation from {@code channels}
     * (the store {@code /moderation channel} writes to).
     */
    public ModerationPolicies(SettingsStore settings, ChannelSettingsStore channels, ModerationDefaults defaults,
            TextNormaliser normaliser) {
        this.settings = settings;
        this.channels = channels;
        this.defaults = defaults;
        this.normaliser = normaliser;
        this.cache = Caffeine.newBuilder().maximumSize(10_000).build();
        this.channelCache = Caffeine.newBuilder().maximumSize(10_000).build();
    }

    /** The policy in force for {@code scope}, whatever its channels set. */
    public ModerationPolicy forScope(ScopeKey scope) {
        return cache.get(scope, key -> build(settings.load(key)));
    }

    /** The policy in force where {@code location} is: the scope's, with the channel's own on top. */
    public ModerationPolicy forLocation(Location location) {
        ChannelKey channel = ChannelKey.of(location);
        ScopeSettings own = channels.load(channel).moderation();
        if (own.equals(ScopeSettings.DEFAULTS)) {
            return forScope(channel.scope());
        }
        return channelCache.get(channel, key -> build(settings.load(key.scope()).overlaidWith(own)));
    }

    /** Drops the cached policies of {@code scope} and its channels; call after its settings changed. */
    public void invalidate(ScopeKey scope) {
        cache.invalidate(scope);
        channelCache.asMap().keySet().removeIf(channel -> channel.scope().equals(scope));
    }

    /** Drops the cached policy of {@code channel}; call after its moderation changed. */
    public void invalidate(ChannelKey channel) {
        channelCache.invalidate(channel);
    }

    private ModerationPolicy build(ScopeSettings own) {
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
