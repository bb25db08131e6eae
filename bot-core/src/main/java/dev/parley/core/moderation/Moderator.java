package dev.parley.core.moderation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Judges texts under a policy: normalises once, checks the policy's own blocked terms, asks the
 * provider tiers cheapest first (stopping once a blocking category is reached, and skipping a
 * {@link Tier.When#WHEN_UNSURE} tier unless the earlier ones left a category unsure), combines their
 * scores by taking the highest per category, and applies the policy's actions, thresholds and
 * failure mode. Each tier's assessment is cached (Caffeine) on the normalised text and direction,
 * so a repeated text costs one lookup; failures are never cached. Thread-safe.
 */
public final class Moderator {

    /** {@code inReplyTo} is null unless the provider reads the message a reply answers. */
    private record CacheKey(String provider, Direction direction, String normalised, @Nullable String inReplyTo) {}

    /** {@link Category#values()}, copied once rather than per text. Never changed. */
    private static final Category[] CATEGORIES = Category.values();

    private final TextNormaliser normaliser;
    private final List<Tier> tiers;
    private final @Nullable Cache<CacheKey, Assessment> cache;

    /**
     * @param tiers the providers, cheapest first
     * @param cacheSize how many assessments to keep; 0 keeps none
     */
    public Moderator(TextNormaliser normaliser, List<ModerationProvider> tiers, long cacheSize) {
        this(normaliser, cacheSize, tiers.stream().map(Tier::always).toList());
    }

    private Moderator(TextNormaliser normaliser, long cacheSize, List<Tier> tiers) {
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cacheSize must not be negative, was " + cacheSize);
        }
        this.normaliser = normaliser;
        this.tiers = List.copyOf(tiers);
        this.cache = cacheSize == 0 ? null : Caffeine.newBuilder().maximumSize(cacheSize).build();
    }

    /**
     * A moderator whose tiers say when they run.
     *
     * @param tiers cheapest first
     * @param cacheSize how many assessments to keep; 0 keeps none
     */
    public static Moderator tiered(TextNormaliser normaliser, List<Tier> tiers, long cacheSize) {
        return new Moderator(normaliser, cacheSize, tiers);
    }

    /** A moderator with no provider tiers: only the policies' own blocked terms apply. */
    public Moderator(TextNormaliser normaliser) {
        this(normaliser, List.of(), 0);
    }

    /** Judges {@code text} travelling in {@code direction} under {@code policy}. */
    public Verdict moderate(String text, Direction direction, ModerationPolicy policy) {
        return evaluate(text, direction, policy).verdict();
    }

    /** Judges {@code text} and returns the scores and flags behind the verdict too. */
    public ModerationResult evaluate(String text, Direction direction, ModerationPolicy policy) {
        return evaluate(text, direction, policy, true, tiers.size(), null);
    }

    /**
     * Judges the model's {@code reply} to the user's message {@code inReplyTo} under {@code policy}:
     * a tier that {@linkplain ModerationProvider#readsPrompt() reads the prompt} judges the reply in
     * that conversation, the others the reply alone.
     */
    public Verdict moderateReply(String reply, String inReplyTo, ModerationPolicy policy) {
        return evaluate(reply, Direction.OUTPUT, policy, true, tiers.size(), inReplyTo).verdict();
    }

    /**
     * Whether a tier after the first is asked on every text: then a streamed reply is judged by
     * all tiers only at sentence ends, so a remote endpoint is not asked once per word.
     */
    boolean hasDearTiersAlways() {
        return tiers.stream().skip(1).anyMatch(tier -> tier.when() == Tier.When.ALWAYS);
    }

    /**
     * Judges {@code text} with only the first {@code tierLimit} tiers (and the policy's own terms);
     * {@code inReplyTo} is the message a reply answers, or null.
     */
    ModerationResult evaluate(String text, Direction direction, ModerationPolicy policy, boolean cached,
            int tierLimit, @Nullable String inReplyTo) {
        if (!policy.directions().contains(direction)) {
            return ModerationResult.NOT_MODERATED;
        }
        String normalised = normaliser.normalise(text);
        TermList blocked = policy.blockedTerms();
        if (!blocked.isEmpty() && blocked.foundIn(normalised, normaliser.normaliseKeepingLetters(text))) {
            Verdict.Block block = new Verdict.Block("blocked-terms", ModerationPolicy.CUSTOM_CATEGORY,
                    "contains a blocked term");
            return new ModerationResult(block, true, Set.of(), CategoryScores.none(), List.of());
        }
        String scored = policy.allowedTerms().isEmpty() ? normalised : policy.allowedTerms().removeFrom(normalised);
        ModerationRequest request = new ModerationRequest(text, scored, direction, null,
                direction == Direction.OUTPUT ? inReplyTo : null);
        Assessment combined = Assessment.NONE;
        List<String> unavailable = new ArrayList<>(0);
        for (int t = 0; t < Math.min(tierLimit, tiers.size()); t++) { // no sub-list per text
            Tier tier = tiers.get(t);
            if (!tier.runsAfter(combined, policy)) {
                continue; // the earlier tiers are sure enough: spare this one
            }
            try {
                combined = combined.max(assess(tier.provider(), request, cached));
            } catch (RuntimeException e) {
                unavailable.add(tier.provider().name());
                continue;
            }
            if (strongestBlocked(combined, policy) != null) {
                break; // the verdict cannot change: spare the dearer tiers
            }
        }
        return decide(combined, policy, unavailable);
    }

    private Assessment assess(ModerationProvider tier, ModerationRequest request, boolean cached) {
        if (!cached || cache == null) {
            return tier.assess(request);
        }
        return cache.get(new CacheKey(tier.name(), request.direction(), request.normalised(),
                tier.readsPrompt() ? request.inReplyTo() : null), key -> tier.assess(request));
    }

    private static ModerationResult decide(Assessment assessment, ModerationPolicy policy, List<String> unavailable) {
        CategoryScores scores = assessment.scores();
        Set<Category> flagged = EnumSet.noneOf(Category.class);
        for (Category category : CATEGORIES) {
            if (policy.setting(category).triggeredBy(scores.score(category))) {
                flagged.add(category);
            }
        }
        Category blocking = strongestBlocked(assessment, policy);
        Verdict verdict;
        if (blocking != null) {
            String reason = assessment.reason(blocking);
            verdict = new Verdict.Block(rule(reason), blocking.apiName(),
                    blocking.apiName() + " " + twoDecimals(scores.score(blocking)) + ": " + reason, scores);
        } else if (!unavailable.isEmpty() && policy.onFailure() == FailureMode.FAIL_CLOSED) {
            verdict = new Verdict.Block("provider-unavailable", ModerationPolicy.UNAVAILABLE_CATEGORY,
                    "moderation unavailable: " + String.join(", ", unavailable), scores);
        } else {
            verdict = Verdict.ALLOW;
        }
        boolean isFlagged = !flagged.isEmpty() || verdict.blocked();
        return new ModerationResult(verdict, isFlagged, flagged, scores, unavailable);
    }

    private static @Nullable Category strongestBlocked(Assessment assessment, ModerationPolicy policy) {
        Category strongest = null;
        for (Category category : CATEGORIES) {
            CategorySetting setting = policy.setting(category);
            double score = assessment.scores().score(category);
            if (setting.action() == CategoryAction.BLOCK && setting.triggeredBy(score)
                    && (strongest == null || score > assessment.scores().score(strongest))) {
                strongest = category;
            }
        }
        return strongest;
    }

    /**
     * The score as {@code String.format(Locale.ROOT, "%.2f", score)} writes it, half up from the
     * shortest decimal that reads back as the score, without a Formatter for every blocked text.
     */
    private static String twoDecimals(double score) {
        return score > 0 // -0.0 would lose its sign
                ? BigDecimal.valueOf(score).setScale(2, RoundingMode.HALF_UP).toPlainString()
                : String.format(Locale.ROOT, "%.2f", score);
    }

    /** The rule name at the start of a reason ("targeted-hate: ..."). */
    private static String rule(String reason) {
        int colon = reason.indexOf(':');
        return colon > 0 ? reason.substring(0, colon) : "provider";
    }

    /** The normaliser this moderator judges with; streams use it to find word boundaries. */
    TextNormaliser normaliser() {
        return normaliser;
    }

    /** Starts moderating a reply that arrives in pieces; see {@link ModeratedStream}. */
    public ModeratedStream stream(ModerationPolicy policy) {
        return new ModeratedStream(this, policy, null);
    }

    /**
     * Starts moderating a reply to the user's message {@code inReplyTo} that arrives in pieces;
     * a tier that reads the prompt judges each piece in that conversation.
     */
    public ModeratedStream stream(ModerationPolicy policy, String inReplyTo) {
        return new ModeratedStream(this, policy, Objects.requireNonNull(inReplyTo, "inReplyTo"));
    }
}
