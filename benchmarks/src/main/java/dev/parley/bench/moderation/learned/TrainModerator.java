package dev.parley.bench.moderation.learned;

import dev.parley.bench.moderation.corpus.DevSets;
import dev.parley.bench.moderation.corpus.LabelledText;
import dev.parley.core.moderation.Assessment;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.LearnedModerationProvider;
import dev.parley.core.moderation.LocalModerationProvider;
import dev.parley.core.moderation.ModerationRequest;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.moderation.learned.CategoryHeads;
import dev.parley.core.moderation.learned.HashedNgrams;
import dev.parley.model.encoder.EncoderModel;
import dev.parley.model.encoder.SentenceEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Trains the learned moderation tier's heads and measures them honestly.
 *
 * <pre>
 * java -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.moderation.learned.TrainModerator \
 *     ../shared/moderation-train ../shared/moderation-dev benchmarks/data/authored \
 *     bot-core/src/main/resources/dev/parley/core/moderation/learned/moderation-heads.plh [vector-cache]
 * </pre>
 *
 * <ol>
 *   <li>Training data: the 14 openly licensed sets, the training part of ToLD-Br (never its held-out
 *       fifth) and the team's own written examples ({@code train.tsv}, never {@code eval.tsv}), one
 *       set per language.
 *   <li>Leave one data set out: for each of those 17 sets, heads trained on everything else score it.
 *       Those out-of-set predictions give the leave-one-dataset-out table, and the Platt scaling that
 *       calibrates the shipped heads.
 *   <li>The shipped heads: trained on everything, calibrated as above, written, and their SHA-256
 *       printed. Same data and seed give the same bytes.
 *   <li>Held-out figures: HateCheck and ToLD-Br's held-out fifth (moderation-dev) and the written
 *       evaluation examples, none of them trained on.
 * </ol>
 */
public final class TrainModerator {

    private static final Category[] CATEGORIES = Category.values();
    /** A set of more rows than this counts as this many in training, so no set drowns the rest. */
    private static final double ROWS_PER_SET = Double.parseDouble(System.getProperty("parley.train.rows-per-set", "2500"));
    /** Experiments only: a multiplier on the training weight of the Portuguese sets (default 1). */
    private static final double PORTUGUESE_WEIGHT = Double.parseDouble(System.getProperty("parley.train.pt-weight", "1"));
    /**
     * Whether the shipped heads are calibrated, and the held-out sets scored, with each short text's
     * clauses also read alone ({@code LearnedModerationProvider.clausesOfEveryText}); off by default, as
     * {@code LearnedModerationProvider.standard} reads texts of up to 400 chars whole (and the
     * written and held-out sets hold none longer). Both ways are measured whichever is set.
     */
    private static final boolean CLAUSES = Boolean.parseBoolean(System.getProperty("parley.train.clauses", "false"));
    /**
     * Whether the written rows of form {@code everyday} (short harmless messages) are a set of their
     * own: trained on, but, holding one class, left out of Platt scaling, rather than part of the
     * written sets whose out-of-set scores calibrate the heads.
     */
    private static final boolean EVERYDAY_FOLD = Boolean.parseBoolean(System.getProperty("parley.train.everyday-fold", "false"));
    /**
     * Experiments only: leave the written rows of form {@code everyday} out of training altogether,
     * which reproduces session 10's trial heads (the seventh block without the eighth), to compare
     * row by row what the eighth block changed.
     */
    private static final boolean WITHOUT_EVERYDAY = Boolean.parseBoolean(System.getProperty("parley.train.without-everyday", "false"));
    /**
     * The most safe written look-alike requests, as a share per language, that the default policy may
     * block when the severe categories' block threshold is chosen ({@code DefaultBlocking}).
     */
    private static final double BLOCK_BUDGET = 0.05;
    /** Experiment: read quoted spans alone instead of clauses in the clause variant ({@link #pieces}). */
    private static final boolean QUOTES = "quotes".equals(System.getProperty("parley.train.pieces", "clauses"));
    /** Which heads calibrate text that reads as Portuguese on a scale of their own ({@link PortugueseCalibration}). */
    private static final PortugueseCalibration PORTUGUESE =
            PortugueseCalibration.of(System.getProperty("parley.train.portuguese-calibration", "none"));
    /** The heads' n-gram features: character 2- to 4-grams, words and word pairs in 2^17 buckets. */
    static final HashedNgrams NGRAMS = new HashedNgrams(17, 2, 4);

    private TrainModerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: TrainModerator <moderation-train> <moderation-dev> <authored-dir> <out.plh> [vector-cache]");
            System.exit(2);
        }
        Path trainDir = Path.of(args[0]);
        Path devDir = Path.of(args[1]);
        Path authoredDir = Path.of(args[2]);
        Path out = Path.of(args[3]);
        Path cache = Path.of(args.length > 4 ? args[4] : "benchmarks/target/moderation-vectors.bin");
        Files.createDirectories(cache.toAbsolutePath().getParent());

        EncoderModel model = EncoderModel.named(System.getProperty("parley.encoder", EncoderModel.PARLEY_MODERATION_MINILM_L6_Q.id()));
        // -Dparley.encoder.file: another build of that encoder (e.g. fine-tuned), read with its tokenizer
        String file = System.getProperty("parley.encoder.file");
        try (SentenceEncoder encoder = file == null ? SentenceEncoder.load(model, 1)
                : SentenceEncoder.load(model, Files.readAllBytes(Path.of(file)), 1)) {
            EmbeddingStore store = new EmbeddingStore(cache, encoder);
            Featurizer featurizer = new Featurizer(store);
            List<Sample> train = new ArrayList<>(featurizer.samples(
                    TrainingRows.texts(trainDir, devDir, authoredDir, WITHOUT_EVERYDAY, EVERYDAY_FOLD)));
            List<String> folds = train.stream().map(Sample::set).distinct().toList();
            System.out.printf("training rows: %,d in %d sets, each left out in turn%n", train.size(), folds.size());

            // 1. leave one data set out, each text scored whole, and also with its clauses read alone
            Map<String, double[][]> outOfSet = new LinkedHashMap<>();
            Map<String, double[][]> outOfSetClauses = new LinkedHashMap<>();
            for (String fold : folds) {
                List<Sample> in = train.stream().filter(s -> !s.set().equals(fold)).toList();
                List<Sample> left = train.stream().filter(s -> s.set().equals(fold)).toList();
                List<CategoryHeads.Head> heads = trainHeads(in);
                outOfSet.put(fold, rawLogits(heads, left, false));
                outOfSetClauses.put(fold, rawLogits(heads, left, true));
                System.out.printf("  fold %-26s trained on %,d, scored %,d%n", fold, in.size(), left.size());
            }
            Report wholeReport = new Report(train, outOfSet, false, PORTUGUESE);
            Report clauseReport = new Report(train, outOfSetClauses, true, PORTUGUESE);
            System.out.printf("%nWHOLE TEXTS ONLY%s%n", CLAUSES ? "" : " (shipped)");
            wholeReport.leaveOneDatasetOut();
            System.out.printf("%nWITH CLAUSES READ ALONE%s%n", CLAUSES ? " (shipped)" : "");
            clauseReport.leaveOneDatasetOut();

            // 2. the shipped heads: one training, calibrated for the way texts are read
            List<CategoryHeads.Head> raw = trainHeads(train);
            CategoryHeads whole = calibrated(raw, wholeReport.platt(null), encoder);
            CategoryHeads withClauses = calibrated(raw, clauseReport.platt(null), encoder);
            CategoryHeads heads = CLAUSES ? withClauses : whole;
            System.out.println();
            System.out.println("Platt scaling of the shipped heads (scale, shift):");
            for (int c = 0; c < CATEGORIES.length; c++) {
                CategoryHeads.Head h = heads.heads().get(c);
                System.out.printf("  %-24s %7.3f %7.3f   Portuguese %7.3f %7.3f%n", CATEGORIES[c].apiName(), h.scale(), h.shift(),
                        h.portugueseScale(), h.portugueseShift());
            }
            byte[] bytes = bytes(heads);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.write(out, bytes);
            System.out.printf("%nwrote %s (%,d bytes), sha256 %s%n", out, bytes.length,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));

            // 3. held out, both ways
            List<Sample> hateCheck = featurizer.samples(DevSets.hateCheck(devDir));
            List<Sample> toldBr = featurizer.samples(DevSets.toldBrHeldOut(devDir));
            Path eval = authoredDir.resolve("eval.tsv");
            java.util.Set<String> jailbreaks = new java.util.HashSet<>();
            for (Sample sample : featurizer.samples(AuthoredExamples.jailbreaks(eval, "authored-eval"))) {
                jailbreaks.add(sample.normalised());
            }
            List<Sample> written = featurizer.samples(AuthoredExamples.read(eval, "authored-eval"));
            for (boolean clauses : new boolean[] {false, true}) {
                CategoryHeads scored = clauses ? withClauses : whole;
                System.out.printf("%n%s%s%n", clauses ? "WITH CLAUSES READ ALONE" : "WHOLE TEXTS ONLY", clauses == CLAUSES ? " (shipped)" : "");
                Report.heldOut("HateCheck (moderation-dev, never trained on)", scored, hateCheck, clauses);
                Report.heldOut("ToLD-Br held-out fifth (moderation-dev)", scored, toldBr, clauses);
                Report.heldOut("written evaluation examples (eval.tsv, never trained on); on requests, FPR is safe look-alikes flagged",
                        scored, written, jailbreaks, clauses);
            }

            // 4. per-category thresholds for a policy, chosen on the folds only, then tried on the held-out sets
            CategoryThresholds thresholds = CategoryThresholds.chosenOn(wholeReport.pooledScores(), wholeReport.pooledSamples());
            System.out.printf("%nPER-CATEGORY THRESHOLDS (whole texts; chosen on the leave-one-out scores, not shipped by the trainer)%n");
            thresholds.print();
            wholeReport.pooledAt(thresholds);
            Report.heldOut("HateCheck, per-category thresholds", whole, hateCheck, java.util.Set.of(), false, thresholds);
            Report.heldOut("ToLD-Br held-out fifth, per-category thresholds", whole, toldBr, java.util.Set.of(), false, thresholds);
            Report.heldOut("written evaluation examples, per-category thresholds; on requests, FPR is safe look-alikes flagged",
                    whole, written, jailbreaks, false, thresholds);

            // 5. what the default policy blocks, by the severe categories' block threshold, read as the shipped
            // heads are read: chosen on the folds, tried held out
            Report shippedReport = CLAUSES ? clauseReport : wholeReport;
            String reading = CLAUSES ? "clauses also read alone" : "whole texts";
            List<double[]> pooled = shippedReport.pooledScores();
            List<Sample> pooledSamples = shippedReport.pooledSamples();
            DefaultBlocking.print("DEFAULT POLICY, BLOCKED: leave one data set out, pooled (" + reading + ")", pooled,
                    pooledSamples, s -> true);
            double block = DefaultBlocking.chosenOn(pooled, pooledSamples, BLOCK_BUDGET);
            System.out.printf(Locale.ROOT, "block threshold of the severe categories chosen on the folds"
                    + " (written look-alikes blocked at most %.0f%% in each language): %.2f%n", 100 * BLOCK_BUDGET, block);
            DefaultBlocking.print("DEFAULT POLICY, BLOCKED: written evaluation examples (eval.tsv, never trained on; " + reading + ")",
                    Report.scores(heads, written, CLAUSES), written, s -> true);
            DefaultBlocking.print("DEFAULT POLICY, BLOCKED: HateCheck and ToLD-Br held-out fifth (" + reading + ")",
                    Report.scores(heads, hateCheck, CLAUSES), hateCheck, s -> true);
            DefaultBlocking.print("", Report.scores(heads, toldBr, CLAUSES), toldBr, s -> true);
        }
    }

    /** The heads with their Platt scaling, as read back from their bytes (n-gram weights rounded to 16 bits). */
    private static CategoryHeads calibrated(List<CategoryHeads.Head> raw, double[][] platt, SentenceEncoder encoder)
            throws IOException {
        List<CategoryHeads.Head> calibrated = new ArrayList<>();
        for (int c = 0; c < CATEGORIES.length; c++) {
            CategoryHeads.Head h = raw.get(c);
            calibrated.add(new CategoryHeads.Head(h.label(), h.weights(), h.ngramWeights(), h.bias(), (float) platt[c][0],
                    (float) platt[c][1], (float) platt[c][2], (float) platt[c][3]));
        }
        CategoryHeads heads = new CategoryHeads(encoder.name(), encoder.dimension(), LearnedModerationProvider.EXTRAS, NGRAMS,
                HeadTrainer.NGRAM_FLOOR, calibrated);
        return CategoryHeads.read(new java.io.ByteArrayInputStream(bytes(heads)));
    }

    private static byte[] bytes(CategoryHeads heads) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        heads.write(bytes);
        return bytes.toByteArray();
    }

    static List<CategoryHeads.Head> trainHeads(List<Sample> samples) {
        HeadTrainer trainer = HeadTrainer.standard();
        return IntStream.range(0, CATEGORIES.length).parallel()
                .mapToObj(c -> trainer.train(CATEGORIES[c].apiName(), c, samples, NGRAMS.buckets()))
                .toList();
    }

    static double[][] rawLogits(List<CategoryHeads.Head> heads, List<Sample> samples, boolean clauses) {
        double[][] logits = new double[samples.size()][CATEGORIES.length];
        for (int i = 0; i < samples.size(); i++) {
            for (int c = 0; c < CATEGORIES.length; c++) {
                logits[i][c] = clauses ? HeadTrainer.rawLogitOverClauses(heads.get(c), c, samples.get(i))
                        : HeadTrainer.rawLogit(heads.get(c), c, samples.get(i));
            }
        }
        return logits;
    }

    /** Turns labelled texts into samples: normalised, scored by the local tier, encoded. */
    static final class Featurizer {
        private final EmbeddingStore store;
        private final TextNormaliser normaliser = new TextNormaliser();
        private final LocalModerationProvider local = LocalModerationProvider.standard(normaliser);

        Featurizer(EmbeddingStore store) {
            this.store = store;
        }

        List<Sample> samples(List<LabelledText> texts) throws IOException, InterruptedException {
            Map<String, Integer> perSet = new HashMap<>();
            for (LabelledText text : texts) {
                perSet.merge(text.set(), 1, Integer::sum);
            }
            List<String> normalised = new ArrayList<>(texts.size());
            for (LabelledText text : texts) {
                String n = normaliser.normalise(text.text());
                normalised.add(LearnedModerationProvider.standardWindows().of(n).getFirst());
            }
            List<float[]> vectors = store.vectors(normalised, Math.max(1, Runtime.getRuntime().availableProcessors()));
            // each short text's clauses, normalised, encoded in one batch after the whole texts
            List<List<String>> clauses = new ArrayList<>(texts.size());
            List<String> allClauses = new ArrayList<>();
            for (LabelledText text : texts) {
                List<String> normalisedClauses = pieces(text.text()).stream()
                        .map(normaliser::normalise).map(String::strip).toList();
                clauses.add(normalisedClauses);
                allClauses.addAll(normalisedClauses);
            }
            List<float[]> clauseVectors = store.vectors(allClauses, Math.max(1, Runtime.getRuntime().availableProcessors()));
            int nextClause = 0;
            List<Sample> samples = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                LabelledText text = texts.get(i);
                String n = normaliser.normalise(text.text());
                Assessment lexical = local.assess(new ModerationRequest(text.text(), n, Direction.INPUT, null));
                double[] scores = new double[CATEGORIES.length];
                for (Category c : CATEGORIES) {
                    scores[c.ordinal()] = lexical.scores().score(c);
                }
                double weight = Math.min(1, ROWS_PER_SET / perSet.get(text.set())) * (text.weak() ? 0.5 : 1)
                        * ("pt".equals(text.language()) ? PORTUGUESE_WEIGHT : 1);
                int[] buckets = new int[NGRAMS.maxFeatures(normalised.get(i).length())];
                int count = CategoryHeads.distinct(buckets, NGRAMS.features(normalised.get(i), buckets));
                List<String> own = clauses.get(i);
                float[][] ownVectors = new float[own.size()][];
                int[][] ownBuckets = new int[own.size()][];
                for (int k = 0; k < own.size(); k++) {
                    ownVectors[k] = clauseVectors.get(nextClause++);
                    int[] clauseBuckets = new int[NGRAMS.maxFeatures(own.get(k).length())];
                    ownBuckets[k] = java.util.Arrays.copyOf(clauseBuckets,
                            CategoryHeads.distinct(clauseBuckets, NGRAMS.features(own.get(k), clauseBuckets)));
                }
                samples.add(new Sample(text.set(), text.language(), text.kind() == LabelledText.Kind.REQUEST,
                        normalised.get(i), vectors.get(i), java.util.Arrays.copyOf(buckets, count),
                        Sample.withParents(text.labels()), scores, weight, ownVectors, ownBuckets));
            }
            return samples;
        }
    }

    /**
     * The pieces of a text also read alone: its clauses ({@code LearnedModerationProvider.clausesOfEveryText}),
     * those of each of its windows if it is longer than one, as the bot reads them; or with {@code -Dparley.train.pieces=quotes} its quoted spans ({@link QuotedSpans}, an experiment).
     */
    static List<String> pieces(String text) {
        return QUOTES ? new QuotedSpans(3, 2, 1_000).of(text) : LearnedModerationProvider.clausesOfEveryText()
                .of(text, LearnedModerationProvider.standardWindows());
    }

    static String f(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
