package dev.parley.core.moderation;

import dev.parley.core.moderation.learned.CategoryHeads;
import dev.parley.core.moderation.learned.LanguageCues;
import dev.parley.core.moderation.learned.TextClauses;
import dev.parley.core.moderation.learned.TextEncoder;
import dev.parley.core.moderation.learned.TextWindows;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The learned tier: a sentence encoder reads what a text means, and a calibrated head per category
 * weighs that together with the text's hashed n-grams (for Portuguese, which the encoder reads
 * poorly, and for spellings) and with what the lexical tier found, so that "what's the best way to drown
 * myself" scores as self-harm with no listed word in it, and "how do I kill a Python process"
 * does not score as violence although it holds one.
 *
 * <p>Hate, harassment and violence scores count for a third when the lexicons read the text as
 * countering, quoting or negating abuse ({@link LocalModerationProvider#abuseDamping}), as the
 * lexical scores do: the heads, like any model over words, score "calling people slurs is never
 * okay" as the slur.
 *
 * <p>The encoder reads the normalised text (evasions such as {@code b0mb}, spacing and look-alike
 * letters already undone), cut into a few bounded {@link TextWindows}; a category's score is its
 * highest over the windows. A text of several sentences may also be read one {@link TextClauses
 * clause} at a time, each clause's score counting as a window's: the shipped reading does so for
 * texts too long for the encoder to read to the end ({@link #standardClauses()}).
 * Scores are calibrated probabilities (see {@link CategoryHeads}), so they
 * combine with the other tiers' by the usual highest-wins rule without shifting thresholds.
 *
 * <p>Costs a few milliseconds per window on one core, so in a {@link Moderator} it runs after the
 * local tier, which decides alone about single words of a streamed reply.
 */
public final class LearnedModerationProvider implements ModerationProvider {

    /** Where Parley's trained heads are, on the class path. */
    public static final String STANDARD_HEADS = "/dev/parley/core/moderation/learned/moderation-heads.plh";

    /** Below this a category's score is left out of the assessment: noise, and shorter audits. */
    static final double FLOOR = 0.01;

    /** The extra features each head reads: the local tier's score in its category, its highest score. */
    public static final int EXTRAS = 2;

    private final TextEncoder encoder;
    private final CategoryHeads heads;
    private final LocalModerationProvider local;
    private final TextWindows windows;
    private final TextClauses clauses;
    private final TextNormaliser normaliser;
    private final Category[] categories;
    private final LanguageCues language = new LanguageCues();

    /**
     * @param encoder the encoder {@code heads} were trained on
     * @param local the lexical tier whose scores the heads read as features
     * @throws IllegalArgumentException if the heads were trained on another encoder, or name a
     *     category Parley does not know
     */
    public LearnedModerationProvider(TextEncoder encoder, CategoryHeads heads, LocalModerationProvider local,
            TextWindows windows) {
        this(encoder, heads, local, windows, TextClauses.NONE, new TextNormaliser());
    }

    /**
     * @param encoder the encoder {@code heads} were trained on
     * @param local the lexical tier whose scores the heads read as features
     * @param clauses how a short text is also cut into clauses, each read alone
     * @param normaliser normalises each clause as requests are normalised
     * @throws IllegalArgumentException if the heads were trained on another encoder, or name a
     *     category Parley does not know
     */
    public LearnedModerationProvider(TextEncoder encoder, CategoryHeads heads, LocalModerationProvider local,
            TextWindows windows, TextClauses clauses, TextNormaliser normaliser) {
        heads.requireEncoder(encoder);
        if (heads.extras() != EXTRAS) {
            throw new IllegalArgumentException("the moderation heads read " + heads.extras() + " extra features, expected " + EXTRAS);
        }
        this.encoder = encoder;
        this.heads = heads;
        this.local = local;
        this.windows = windows;
        this.clauses = clauses;
        this.normaliser = normaliser;
        List<CategoryHeads.Head> list = heads.heads();
        this.categories = new Category[list.size()];
        for (int i = 0; i < categories.length; i++) {
            String label = list.get(i).label();
            categories[i] = Category.fromApiName(label)
                    .orElseThrow(() -> new IllegalArgumentException("the moderation heads name an unknown category: " + label));
        }
    }

    /**
     * The learned tier with Parley's shipped heads, windows and clauses, reading {@code local}'s scores.
     *
     * @throws IllegalArgumentException if the shipped heads were trained on another encoder
     */
    public static LearnedModerationProvider standard(TextEncoder encoder, LocalModerationProvider local) {
        return new LearnedModerationProvider(encoder, standardHeads(), local, standardWindows(), standardClauses(),
                new TextNormaliser());
    }

    /** Reads Parley's shipped heads (they name the encoder they were trained on). */
    public static CategoryHeads standardHeads() {
        try (InputStream in = LearnedModerationProvider.class.getResourceAsStream(STANDARD_HEADS)) {
            if (in == null) {
                throw new IllegalStateException("the moderation heads " + STANDARD_HEADS + " are not on the class path");
            }
            return CategoryHeads.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the moderation heads " + STANDARD_HEADS, e);
        }
    }

    /**
     * Windows of at most 1,000 chars, at most 4 of them. The encoder reads only the first 128
     * tokens of each (about 450 chars of English, 330 of Portuguese); the n-grams read all of it, and
     * {@link #standardClauses()} the sentences of a long one.
     */
    public static TextWindows standardWindows() {
        return new TextWindows(1_000, 4);
    }

    /**
     * What {@link #standard} also reads alone: up to 4 clauses of at least 3 words of a text over
     * 400 chars (of each of its windows if it is longer than one), because the encoder does not
     * read such a text to its end, and a request after a long preamble must still be read. Shorter
     * texts are read whole only: reading their clauses too was measured three times and not shipped
     * (docs/moderation.md, "A request after a long preamble").
     */
    public static TextClauses standardClauses() {
        return new TextClauses(4, 3, 400, 1_000);
    }

    /**
     * The experiment the trainer measures beside the shipped reading: up to 4 clauses of at least 3
     * words of every text of at most 1,000 chars, however short (each window's beyond that).
     */
    public static TextClauses clausesOfEveryText() {
        return new TextClauses(4, 3, 1_000);
    }

    @Override
    public String name() {
        return "learned";
    }

    @Override
    public Assessment assess(ModerationRequest request) {
        Assessment lexical = local.assess(request);
        // one language for the whole text: a clause alone is often too short to tell
        boolean portuguese = language.readsAsPortuguese(request.normalised());
        double[] scores = scores(request.normalised(), lexical, portuguese);
        for (String clause : clauses.of(request.text(), windows)) {
            double[] alone = scores(normaliser.normalise(clause), lexical, portuguese);
            for (int i = 0; i < scores.length; i++) {
                scores[i] = Math.max(scores[i], alone[i]);
            }
        }
        double damping = local.abuseDamping(request);
        Map<Category, Double> kept = new EnumMap<>(Category.class);
        Map<Category, String> reasons = new EnumMap<>(Category.class);
        for (int i = 0; i < categories.length; i++) {
            boolean damped = damping < 1 && LocalModerationProvider.counterable(categories[i]);
            double score = scores[i] * (damped ? damping : 1);
            if (score >= FLOOR) {
                kept.merge(categories[i], score, Math::max);
                String lexicalReason = lexical.reason(categories[i]);
                reasons.put(categories[i], "learned: meaning" + (lexicalReason.isEmpty() ? "" : " and " + lexicalReason)
                        + (damped && lexicalReason.isEmpty() ? " (quoted or countered)" : ""));
            }
        }
        return kept.isEmpty() ? Assessment.NONE : new Assessment(CategoryScores.of(kept), reasons);
    }

    /**
     * Every head's calibrated probability for a normalised text, given what the lexical tier found
     * in it: the highest over the text's windows. In the order of {@link CategoryHeads#heads()}.
     */
    public double[] scores(String normalised, Assessment lexical) {
        return scores(normalised, lexical, language.readsAsPortuguese(normalised));
    }

    private double[] scores(String normalised, Assessment lexical, boolean portuguese) {
        double highestLexical = 0;
        for (Category category : Category.values()) {
            highestLexical = Math.max(highestLexical, lexical.scores().score(category));
        }
        double[] best = new double[categories.length];
        double[] extras = new double[EXTRAS];
        for (String window : windows.of(normalised)) {
            float[] vector = encoder.encode(window);
            int[] buckets = new int[heads.ngrams().maxFeatures(window.length())];
            int count = CategoryHeads.distinct(buckets, heads.ngrams().features(window, buckets));
            for (int i = 0; i < categories.length; i++) {
                extras[0] = lexical.scores().score(categories[i]);
                extras[1] = highestLexical;
                CategoryHeads.Head head = heads.heads().get(i);
                best[i] = Math.max(best[i], head.calibrated(
                        head.rawLogit(vector, extras, buckets, count, heads.ngramFloor()), portuguese));
            }
        }
        return best;
    }

    /** The heads this tier scores with. */
    public CategoryHeads heads() {
        return heads;
    }
}
