package dev.parley.bench.moderation.learned;

import dev.parley.bench.moderation.corpus.LabelledText;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.learned.CategoryHeads;
import dev.parley.model.encoder.SentenceEncoder;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Lists what a heads file gets wrong on the written evaluation examples: each safe request it flags
 * and each harmful request it misses, with the category that decided and whether the learned or
 * the lexical tier scored it. The figures of {@code TrainModerator} say how many; this says which,
 * so look-alikes can be grouped by kind and two heads files compared row by row (issue #15).
 *
 * <pre>
 * java -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.moderation.learned.HeldOutVerdicts \
 *     heads.plh benchmarks/data/authored/eval.tsv out.tsv [vector-cache]
 * </pre>
 *
 * Writes one line per request of {@code eval.tsv}: verdict ({@code flagged-safe}, {@code missed},
 * {@code ok}), language, form, labels, the deciding category, its score, the tier that gave it, the
 * text, and whether the default policy blocks it ({@code blocked}) or lets it through, flagged or not. It only reads the file to measure on; nothing here trains.
 */
public final class HeldOutVerdicts {

    private static final Category[] CATEGORIES = Category.values();
    private static final double THRESHOLD = 0.5;
    /**
     * The categories the default policy blocks (bot-core's {@code Category.severe()}, not public);
     * the others it only flags, so a look-alike flagged in them still reaches the model.
     */
    private static final java.util.Set<String> BLOCKED_BY_DEFAULT = java.util.Set.of("harassment/threatening",
            "hate/threatening", "illicit/violent", "self-harm/intent", "self-harm/instructions", "sexual/minors");

    private HeldOutVerdicts() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: HeldOutVerdicts <heads.plh> <eval.tsv> <out.tsv> [vector-cache]");
            System.exit(2);
        }
        CategoryHeads heads;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            heads = CategoryHeads.read(in);
        }
        Path eval = Path.of(args[1]);
        Path cache = Path.of(args.length > 3 ? args[3] : "benchmarks/target/moderation-vectors.bin");
        try (SentenceEncoder encoder = SentenceEncoder.loadFor(heads, 1);
                PrintStream out = new PrintStream(Files.newOutputStream(Path.of(args[2])), true, StandardCharsets.UTF_8)) {
            TrainModerator.Featurizer featurizer = new TrainModerator.Featurizer(new EmbeddingStore(cache, encoder));
            List<LabelledText> texts = AuthoredExamples.read(eval, "authored-eval");
            java.util.Set<String> jailbreaks = new java.util.HashSet<>();
            AuthoredExamples.jailbreaks(eval, "authored-eval").forEach(t -> jailbreaks.add(t.text()));
            List<Sample> samples = featurizer.samples(texts);
            int flaggedSafe = 0;
            int missed = 0;
            int blockedSafe = 0;
            int blockedHarmful = 0;
            for (int i = 0; i < samples.size(); i++) {
                Sample sample = samples.get(i);
                if (!sample.request()) {
                    continue;
                }
                int top = 0;
                double best = -1;
                boolean learnedDecided = false;
                boolean blocked = false;
                for (int c = 0; c < CATEGORIES.length; c++) {
                    CategoryHeads.Head head = heads.heads().get(c);
                    double learned = head.calibrated(HeadTrainer.rawLogit(head, c, sample), sample.readsAsPortuguese());
                    double score = Math.max(learned, sample.lexical()[c]);
                    blocked |= score >= THRESHOLD && BLOCKED_BY_DEFAULT.contains(CATEGORIES[c].apiName());
                    if (score > best) {
                        best = score;
                        top = c;
                        learnedDecided = learned >= sample.lexical()[c];
                    }
                }
                boolean flagged = best >= THRESHOLD;
                String verdict = flagged == sample.harmful() ? "ok" : flagged ? "flagged-safe" : "missed";
                flaggedSafe += verdict.equals("flagged-safe") ? 1 : 0;
                missed += verdict.equals("missed") ? 1 : 0;
                LabelledText text = texts.get(i);
                blockedSafe += blocked && !sample.harmful() ? 1 : 0;
                blockedHarmful += blocked && sample.harmful() ? 1 : 0;
                out.printf(Locale.ROOT, "%s\t%s\t%s\t%s\t%s\t%.3f\t%s\t%s\t%s%n", verdict, text.language(),
                        jailbreaks.contains(text.text()) ? "jailbreak" : "plain",
                        sample.harmful() ? String.join(",", text.labels().stream().map(Category::apiName).toList()) : "safe",
                        CATEGORIES[top].apiName(), best, learnedDecided ? "learned" : "lexical", text.text(),
                        blocked ? "blocked" : "passes");
            }
            System.out.printf("%d safe requests flagged, %d harmful requests missed; blocked by the default policy:"
                    + " %d safe, %d harmful; every request in %s%n", flaggedSafe, missed, blockedSafe, blockedHarmful, args[2]);
        }
    }
}
