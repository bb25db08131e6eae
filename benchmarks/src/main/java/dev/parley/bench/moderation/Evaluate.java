package dev.parley.bench.moderation;

import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.Lexicon;
import dev.parley.core.moderation.LocalModerationProvider;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.ModerationResult;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TermList;
import dev.parley.core.moderation.TextNormaliser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures the local moderation tier on the evaluation sets in a folder given on the command line:
 * English HateCheck ({@code hatecheck-en/test_suite_cases.csv}) and Portuguese ToLD-Br
 * ({@code told-br/ToLD-BR.csv}). Reads them, never copies them; prints precision, recall, F1 and
 * the false-positive rate, then aggregate figures per HateCheck functionality (recall of the hateful
 * ones, false-positive rate of the non-hateful ones) and per ToLD-Br column (recall where at least
 * two of three annotators flagged it). Never prints a text.
 *
 * <pre>java -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.moderation.Evaluate ../shared/moderation-dev</pre>
 *
 * <p>A text counts as predicted positive when the default policy's thresholds (0.5) are reached
 * in a category of the set's kind: hate or hate/threatening for HateCheck, which labels hate
 * against protected groups only (its abuse of individuals and of other groups is labelled
 * non-hateful); hate, harassment and their threatening forms for ToLD-Br, whose columns are
 * hate kinds and insults.
 *
 * <p>The local tier's Portuguese classifier was trained on ToLD-Br ({@link TrainClassifier}), so
 * ToLD-Br figures of the whole tier are given on the held-out fifth ({@link ToldBrSplit}) only,
 * next to the lexicon and rules alone on the same rows and on the whole set.
 */
public final class Evaluate {

    private static final Set<Category> HATE = EnumSet.of(Category.HATE, Category.HATE_THREATENING);
    private static final Set<Category> TOXIC = EnumSet.of(Category.HATE, Category.HATE_THREATENING,
            Category.HARASSMENT, Category.HARASSMENT_THREATENING);
    private static final List<String> TOLD_COLUMNS =
            List.of("homophobia", "obscene", "insult", "racism", "misogyny", "xenophobia");

    private final TextNormaliser normaliser = new TextNormaliser();
    private final Moderator moderator =
            new Moderator(normaliser, List.of(LocalModerationProvider.standard(normaliser)), 0);
    private final Moderator lexiconOnly = new Moderator(normaliser,
            List.of(new LocalModerationProvider(Lexicon.standard(normaliser), LocalModerationProvider.standardRules())), 0);
    private final ModerationPolicy policy =
            ModerationPolicy.of(TermList.EMPTY, Set.of(Direction.INPUT, Direction.OUTPUT), "", "");

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Evaluate <folder with hatecheck-en/ and told-br/>");
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        Evaluate evaluate = new Evaluate();
        evaluate.hateCheck(folder.resolve("hatecheck-en/test_suite_cases.csv"));
        evaluate.toldBr(folder.resolve("told-br/ToLD-BR.csv"));
    }

    private boolean predicted(String text, Set<Category> kinds) {
        return predicted(moderator, text, kinds);
    }

    private boolean predicted(Moderator by, String text, Set<Category> kinds) {
        ModerationResult result = by.evaluate(text, Direction.INPUT, policy);
        for (Category category : kinds) {
            if (result.flaggedCategories().contains(category)) {
                return true;
            }
        }
        return false;
    }

    private void hateCheck(Path file) throws IOException {
        if (!Files.exists(file)) {
            System.out.println("HateCheck: " + file + " not found, skipped");
            return;
        }
        Confusion all = new Confusion();
        Confusion withoutClassifier = new Confusion();
        Confusion anyCategory = new Confusion();
        Map<String, Confusion> byFunctionality = new TreeMap<>();
        for (Map<String, String> row : Csv.read(file).named()) {
            String text = row.get("test_case");
            boolean hateful = row.get("label_gold").equals("hateful");
            boolean predicted = predicted(text, HATE);
            all.add(hateful, predicted);
            withoutClassifier.add(hateful, predicted(lexiconOnly, text, HATE));
            anyCategory.add(hateful, moderator.evaluate(text, Direction.INPUT, policy).flagged());
            byFunctionality.computeIfAbsent(row.get("functionality") + (hateful ? " (hateful)" : " (non-hateful)"),
                    k -> new Confusion()).add(hateful, predicted);
        }
        System.out.println("== HateCheck (English), predicted = hate or hate/threatening >= 0.5");
        System.out.println("   " + all.summary());
        System.out.println("   (any category flagged: " + anyCategory.summary() + ")");
        System.out.println("   (lexicon and rules without the classifier: " + withoutClassifier.summary() + ")");
        System.out.println("   per functionality: recall of hateful ones, false-positive rate of non-hateful ones");
        byFunctionality.forEach((name, confusion) -> System.out.println(String.format(Locale.ROOT, "     %-40s n=%4d  %s",
                name, confusion.total(), name.endsWith("(hateful)")
                        ? String.format(Locale.ROOT, "recall=%.3f", confusion.recall())
                        : String.format(Locale.ROOT, "FPR=%.3f", confusion.falsePositiveRate()))));
    }

    private void toldBr(Path file) throws IOException {
        if (!Files.exists(file)) {
            System.out.println("ToLD-Br: " + file + " not found, skipped");
            return;
        }
        Confusion majorityNoObscene = new Confusion();
        Confusion majorityAny = new Confusion();
        Confusion anyAnnotator = new Confusion();
        Confusion heldOutLexiconOnly = new Confusion();
        Confusion wholeLexiconOnly = new Confusion();
        Map<String, Confusion> byColumn = new java.util.LinkedHashMap<>();
        for (Map<String, String> row : Csv.read(file).named()) {
            String text = row.get("text");
            if (text == null) {
                continue;
            }
            int maxNoObscene = 0;
            int maxAny = 0;
            for (String column : TOLD_COLUMNS) {
                int votes = (int) Double.parseDouble(row.getOrDefault(column, "0"));
                maxAny = Math.max(maxAny, votes);
                if (!column.equals("obscene")) {
                    maxNoObscene = Math.max(maxNoObscene, votes);
                }
            }
            boolean withoutClassifier = predicted(lexiconOnly, text, TOXIC);
            wholeLexiconOnly.add(maxAny >= 1, withoutClassifier);
            if (ToldBrSplit.of(normaliser.normalise(text)) != ToldBrSplit.HELD_OUT) {
                continue;
            }
            heldOutLexiconOnly.add(maxAny >= 1, withoutClassifier);
            boolean predicted = predicted(text, TOXIC);
            for (String column : TOLD_COLUMNS) {
                if (Double.parseDouble(row.getOrDefault(column, "0")) >= 2) {
                    byColumn.computeIfAbsent(column, k -> new Confusion()).add(true, predicted);
                }
            }
            majorityNoObscene.add(maxNoObscene >= 2, predicted);
            majorityAny.add(maxAny >= 2, predicted);
            anyAnnotator.add(maxAny >= 1, predicted);
            if (maxAny == 0) {
                byColumn.computeIfAbsent("(no annotator flagged)", k -> new Confusion()).add(false, predicted);
            }
        }
        System.out.println("== ToLD-Br (Portuguese), predicted = hate, harassment or their threatening forms >= 0.5");
        System.out.println("   held-out fifth, never used in training; whole local tier (lexicon, rules, classifier)");
        System.out.println("   positive = >=1 annotator in any column: offence, the dataset's binary reading (main figure)");
        System.out.println("   " + anyAnnotator.summary());
        System.out.println("   positive = >=2 of 3 annotators in homophobia, insult, racism, misogyny or xenophobia (main figure until session 22)");
        System.out.println("   " + majorityNoObscene.summary());
        System.out.println("   positive = >=2 of 3 annotators in any column, obscene included");
        System.out.println("   " + majorityAny.summary());
        System.out.println("   per column (>=2 of 3 annotators): recall; texts no annotator flagged: false-positive rate");
        byColumn.forEach((name, confusion) -> System.out.println(String.format(Locale.ROOT, "     %-40s n=%5d  %s",
                name, confusion.total(), name.startsWith("(")
                        ? String.format(Locale.ROOT, "FPR=%.3f", confusion.falsePositiveRate())
                        : String.format(Locale.ROOT, "recall=%.3f", confusion.recall()))));
        System.out.println("   main figure, lexicon and rules without the classifier:");
        System.out.println("     held-out fifth: " + heldOutLexiconOnly.summary());
        System.out.println("     whole set:      " + wholeLexiconOnly.summary());
    }
}
