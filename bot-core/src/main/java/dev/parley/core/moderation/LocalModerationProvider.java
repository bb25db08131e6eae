package dev.parley.core.moderation;

import dev.parley.core.moderation.learned.ToxicityClassifier;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The local tier: weighted Portuguese and English lexicons and intent rules over the normalised
 * text, with no I/O. Runs in microseconds, so it runs first and on every text.
 *
 * <p>Hate and harassment in a text that quotes or counters them ("saying 'X are scum' is
 * hateful", "chamar alguém de X é racismo", a quoted slur with a comment around it) count for a
 * third.
 *
 * <p>With a {@link ToxicityClassifier}, Portuguese text is also scored by a learned model for
 * harassment: insults in ordinary words that no word list holds ("você é um lixo de pessoa"). It
 * reads the text without the words that only name a group, so that naming one is not toxic ("ele é
 * gay e casado"), and counts for a third when a negation comes shortly before every abusive word.
 */
public final class LocalModerationProvider implements ModerationProvider {

    private static final Set<Category> COUNTERABLE = Set.of(
            Category.HATE, Category.HATE_THREATENING, Category.HARASSMENT, Category.HARASSMENT_THREATENING,
            Category.VIOLENCE);

    /**
     * Below this the classifier's harassment score is left out: it could not reach any sensible
     * threshold, and most texts then keep the quick path with no assessment at all.
     */
    static final double LEARNED_FLOOR = 0.2;

    /** How many words before an abusive word a negation still negates it, for the classifier's score. */
    private static final int NEGATION_REACH = 4;

    private final Lexicon lexicon;
    private final List<ModerationRule> rules;
    private final @Nullable ToxicityClassifier classifier;

    /** The local tier over {@code lexicon} with the given rules, run in order, and no classifier. */
    public LocalModerationProvider(Lexicon lexicon, List<ModerationRule> rules) {
        this(lexicon, rules, null);
    }

    /**
     * The local tier over {@code lexicon} with the given rules, run in order, and {@code classifier}
     * scoring harassment in Portuguese text (none if null).
     */
    public LocalModerationProvider(Lexicon lexicon, List<ModerationRule> rules, @Nullable ToxicityClassifier classifier) {
        this.lexicon = lexicon;
        this.rules = List.copyOf(rules);
        this.classifier = classifier;
    }

    /** The local tier with Parley's lexicons, all its rules and its Portuguese toxicity classifier. */
    public static LocalModerationProvider standard(TextNormaliser normaliser) {
        return new LocalModerationProvider(Lexicon.standard(normaliser), standardRules(), ToxicityClassifier.standard());
    }

    /**
     * Parley's local rules: lexicon scores, targeted hate, addressed abuse, dangerous instructions,
     * requests to harm or find a person, minors.
     */
    public static List<ModerationRule> standardRules() {
        return List.of(new LexiconRule(), new TargetedHateRule(), new AddressedAbuseRule(),
                new DangerousInstructionsRule(), new PersonTargetedRequestRule(), new MinorsSexualRule());
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Assessment assess(ModerationRequest request) {
        ScannedText text = lexicon.scan(request.normalised());
        // the classifier learned that naming a group is toxic ("ele é gay e casado") and cannot read a
        // negation ("gays não são nojentos"): it reads the text without the groups' names, and counts
        // for a third when every abusive word in the text is negated
        double learned = classifier == null ? -1 : classifier.score(text.normalisedWithout(Role.IDENTITY));
        if (learned >= LEARNED_FLOOR && everyAbuseNegated(text)) {
            learned *= LexiconRule.NEGATED;
        }
        if (text.hitCount() == 0 && learned < LEARNED_FLOOR) {
            return Assessment.NONE;
        }
        double damping = text.has(Role.COUNTER_SPEECH) || text.quotesAbuseWithCommentary() ? LexiconRule.NEGATED : 1;
        Map<Category, Double> scores = new EnumMap<>(Category.class);
        Map<Category, String> reasons = new EnumMap<>(Category.class);
        for (ModerationRule rule : rules) {
            for (Finding finding : rule.check(text, request.direction())) {
                keep(finding, damping, scores, reasons);
            }
        }
        if (learned >= LEARNED_FLOOR) {
            keep(new Finding(Category.HARASSMENT, learned, "learned Portuguese classifier"), damping, scores, reasons);
        }
        return scores.isEmpty() ? Assessment.NONE : new Assessment(CategoryScores.of(scores), reasons);
    }

    /**
     * Whether the text has words that hate, insult or derogate and a negation starts within
     * {@value #NEGATION_REACH} words before each of them ("não acho que nordestinos sejam burros").
     */
    /**
     * How much a learned score of hate, harassment or violence should count in {@code request}, by
     * what the lexicons read in it: a third when the text counters or quotes abuse ("calling people
     * slurs is never okay") or negates every abusive word in it ("I don't hate immigrants"), else
     * all of it. Learned models read such texts by their words and score them as the abuse itself.
     */
    double abuseDamping(ModerationRequest request) {
        ScannedText text = lexicon.scan(request.normalised());
        boolean countered = text.has(Role.COUNTER_SPEECH) || text.quotesAbuseWithCommentary() || everyAbuseNegated(text);
        return countered ? LexiconRule.NEGATED : 1;
    }

    /** Whether {@code category} is one whose score counter-speech and negation weaken. */
    static boolean counterable(Category category) {
        return COUNTERABLE.contains(category);
    }

    private static boolean everyAbuseNegated(ScannedText text) {
        boolean any = false;
        for (int i = 0; i < text.hitCount(); i++) {
            Lexicon.Hit hit = text.hit(i);
            Category category = hit.entry().category();
            if (category == Category.HATE || category == Category.HARASSMENT || hit.is(Role.DEROGATION)
                    || hit.is(Role.HATRED)) { // "I don't hate them": the hatred itself negated
                if (text.find(Role.NEGATION, hit.start() - NEGATION_REACH, hit.start()) == null) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static void keep(Finding finding, double damping, Map<Category, Double> scores, Map<Category, String> reasons) {
        double score = finding.score() * (COUNTERABLE.contains(finding.category()) ? damping : 1);
        if (score > scores.getOrDefault(finding.category(), 0.0)) {
            scores.put(finding.category(), score);
            reasons.put(finding.category(), finding.reason() + (damping < 1 ? " (quoted or countered)" : ""));
        }
    }

    /** The lexicon this tier reads with. */
    public Lexicon lexicon() {
        return lexicon;
    }
}
