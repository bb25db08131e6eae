package dev.parley.bench.moderation.corpus;

import dev.parley.core.moderation.Category;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints one line per set of the training corpus (rows kept, positives, positives per category,
 * language, rows dropped as duplicates within the set and as already in an earlier set, rows cut
 * to length, weak rows), then the same for the evaluation sets when their folder is given, with
 * how many training texts are also evaluation texts (same normalised text).
 * Counts only, never a text.
 *
 * <pre>java -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.moderation.corpus.CorpusSummary \
 *     ../shared/moderation-train [../shared/moderation-dev]</pre>
 */
public final class CorpusSummary {

    private CorpusSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: CorpusSummary <moderation-train folder> [moderation-dev folder]");
            System.exit(2);
        }
        TrainingCorpus corpus = TrainingCorpus.load(Path.of(args[0]));
        System.out.println(header());
        for (CorpusSet set : corpus.sets()) {
            System.out.println(line(set.name(), set.language(), set.texts())
                    + String.format(Locale.ROOT, "  read=%d dup=%d (conflicting %d) earlier-set=%d cut=%d",
                    set.read(), set.duplicates(), set.conflicting(), set.inEarlierSet(), set.truncated()));
        }
        System.out.println(line("all", "en+pt", corpus.texts()));
        if (args.length == 2 && Files.isDirectory(Path.of(args[1]))) {
            Path dev = Path.of(args[1]);
            System.out.println("evaluation sets (never in the corpus):");
            System.out.println(line("hatecheck-en", "en", DevSets.hateCheck(dev)));
            System.out.println(line("told-br train", "pt", DevSets.toldBrTrain(dev)));
            System.out.println(line("told-br validation", "pt", DevSets.toldBrValidation(dev)));
            List<LabelledText> heldOut = DevSets.toldBrHeldOut(dev);
            System.out.println(line("told-br held-out", "pt", heldOut));
            // leakage check: a training text that is also an evaluation text inflates every figure measured on it
            overlap(corpus, "hatecheck-en", DevSets.hateCheck(dev));
            overlap(corpus, "told-br held-out", heldOut);
        }
    }

    private static void overlap(TrainingCorpus corpus, String devSet, List<LabelledText> devTexts) {
        Set<String> dev = devTexts.stream().map(LabelledText::normalisedText).collect(Collectors.toSet());
        Map<String, Long> bySet = corpus.texts().stream().filter(text -> dev.contains(text.normalisedText()))
                .collect(Collectors.groupingBy(LabelledText::set, TreeMap::new, Collectors.counting()));
        System.out.println("training texts also in " + devSet + ": " + (bySet.isEmpty() ? "none" : bySet));
    }

    private static String header() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-24s %-5s %6s %6s %6s ",
                "set", "lang", "rows", "pos", "weak"));
        for (Category category : Category.values()) {
            out.append(String.format(Locale.ROOT, " %6s", shortName(category)));
        }
        return out.toString();
    }

    private static String line(String name, String language, List<LabelledText> texts) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-24s %-5s %6d %6d %6d ", name, language,
                texts.size(), texts.stream().filter(LabelledText::positive).count(),
                texts.stream().filter(LabelledText::weak).count()));
        for (Category category : Category.values()) {
            out.append(String.format(Locale.ROOT, " %6d", texts.stream().filter(t -> t.labels().contains(category)).count()));
        }
        return out.toString();
    }

    /** A column name of at most six letters. */
    private static String shortName(Category category) {
        return switch (category) {
            case HARASSMENT -> "har";
            case HARASSMENT_THREATENING -> "har/t";
            case HATE -> "hate";
            case HATE_THREATENING -> "hate/t";
            case ILLICIT -> "ill";
            case ILLICIT_VIOLENT -> "ill/v";
            case SELF_HARM -> "sh";
            case SELF_HARM_INTENT -> "sh/int";
            case SELF_HARM_INSTRUCTIONS -> "sh/ins";
            case SEXUAL -> "sex";
            case SEXUAL_MINORS -> "sex/m";
            case VIOLENCE -> "vio";
            case VIOLENCE_GRAPHIC -> "vio/g";
        };
    }
}
