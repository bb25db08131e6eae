package dev.parley.bench.moderation.learned;

import dev.parley.core.moderation.learned.CategoryHeads;
import dev.parley.model.encoder.EncoderModel;
import dev.parley.model.encoder.SentenceEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An experiment (session 23), not part of the moderation: does one head trained for "harmful at
 * all" rank the written eval's requests better than the highest of the thirteen category heads?
 * It trains that head as {@link TrainModerator} trains a category's (same rows, features and
 * seed; the label is any category, the lexical feature the highest lexical score), then prints,
 * per language, the recall of harmful requests with at most 5% of the safe look-alikes flagged and
 * the PR-AUC of: the shipped heads' highest score (the lexical tier's where higher), the one head's
 * raw log-odds, and the sum of each text's rank under both (not a score the bot could use as it
 * stands: it says how much each scorer knows that the other does not).
 *
 * <pre>java -Xmx6g --enable-native-access=ALL-UNNAMED -cp benchmarks/target/parley-benchmarks.jar \
 *     dev.parley.bench.moderation.learned.HarmfulHeadProbe ../shared/moderation-train ../shared/moderation-dev \
 *     benchmarks/data/authored bot-core/src/main/resources/dev/parley/core/moderation/learned/moderation-heads.plh [vector-cache]</pre>
 */
public final class HarmfulHeadProbe {

    private static final double LOOK_ALIKE_BUDGET = 0.05;

    private HarmfulHeadProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: HarmfulHeadProbe <moderation-train> <moderation-dev> <authored-dir> <heads.plh> [vector-cache]");
            System.exit(2);
        }
        Path authored = Path.of(args[2]);
        Path eval = authored.resolve("eval.tsv");
        Path cache = Path.of(args.length > 4 ? args[4] : "benchmarks/target/moderation-vectors.bin");
        CategoryHeads shipped;
        try (InputStream in = Files.newInputStream(Path.of(args[3]))) {
            shipped = CategoryHeads.read(in);
        }
        try (SentenceEncoder encoder = SentenceEncoder.load(EncoderModel.named(shipped.encoder()), 1)) {
            TrainModerator.Featurizer featurizer = new TrainModerator.Featurizer(new EmbeddingStore(cache, encoder));
            List<Sample> train = featurizer.samples(TrainingRows.texts(Path.of(args[0]), Path.of(args[1]), authored, false, false));
            CategoryHeads.Head harmful = HeadTrainer.standard().train("harmful", 0,
                    train.stream().map(HarmfulHeadProbe::asHarmful).toList(), TrainModerator.NGRAMS.buckets());
            List<Sample> written = featurizer.samples(AuthoredExamples.read(eval, "authored-eval"));
            Set<String> jailbreaks = new HashSet<>();
            featurizer.samples(AuthoredExamples.jailbreaks(eval, "authored-eval")).forEach(s -> jailbreaks.add(s.normalised()));
            List<double[]> combined = Report.scores(shipped, written, false);
            for (String language : List.of("en", "pt")) {
                List<Sample> requests = new ArrayList<>();
                List<Double> highest = new ArrayList<>();
                List<Double> one = new ArrayList<>();
                for (int i = 0; i < written.size(); i++) {
                    Sample sample = written.get(i);
                    if (sample.language().equals(language) && sample.request()) {
                        requests.add(sample);
                        highest.add(Arrays.stream(combined.get(i)).max().orElse(0));
                        one.add(HeadTrainer.rawLogit(harmful, 0, asHarmful(sample)));
                    }
                }
                double[] byHighest = ranks(highest);
                double[] byOne = ranks(one);
                List<Double> rankSum = new ArrayList<>();
                for (int i = 0; i < byHighest.length; i++) {
                    rankSum.add(byHighest[i] + byOne[i]);
                }
                System.out.printf(Locale.ROOT, "%s requests (eval.tsv): %d, %d harmful%n", language, requests.size(),
                        requests.stream().filter(Sample::harmful).count());
                print("highest of the 13 heads (shipped)", highest, requests, jailbreaks);
                print("one 'harmful' head", one, requests, jailbreaks);
                print("rank sum of both", rankSum, requests, jailbreaks);
            }
        } catch (IOException e) {
            System.err.println("HarmfulHeadProbe: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The sample with "any category" as category 0's label and the highest lexical score as its lexical feature. */
    static Sample asHarmful(Sample sample) {
        boolean[] labels = new boolean[sample.labels().length];
        labels[0] = sample.harmful();
        double[] lexical = sample.lexical().clone();
        lexical[0] = sample.lexicalMax();
        return new Sample(sample.set(), sample.language(), sample.request(), sample.normalised(), sample.vector(),
                sample.buckets(), labels, lexical, sample.weight(), sample.clauseVectors(), sample.clauseBuckets());
    }

    /** Each value's rank among {@code values}, 0 for the lowest. */
    static double[] ranks(List<Double> values) {
        Integer[] order = new Integer[values.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(values::get));
        double[] ranks = new double[values.size()];
        for (int i = 0; i < order.length; i++) {
            ranks[order[i]] = i;
        }
        return ranks;
    }

    /** Recall with at most {@link #LOOK_ALIKE_BUDGET} of the safe requests scored above the cut, plain and wrapped, and PR-AUC. */
    private static void print(String name, List<Double> scores, List<Sample> requests, Set<String> jailbreaks) {
        double[] safe = java.util.stream.IntStream.range(0, scores.size()).filter(i -> !requests.get(i).harmful())
                .mapToDouble(scores::get).sorted().toArray();
        int allowed = (int) Math.floor(LOOK_ALIKE_BUDGET * safe.length);
        double cut = safe[safe.length - 1 - allowed]; // flagged: strictly above it
        int[] caught = new int[3];
        int[] harmful = new int[3]; // all, plain, wrapped
        int safeFlagged = 0;
        boolean[] labels = new boolean[scores.size()];
        for (int i = 0; i < scores.size(); i++) {
            Sample sample = requests.get(i);
            labels[i] = sample.harmful();
            boolean flagged = scores.get(i) > cut;
            if (!sample.harmful()) {
                safeFlagged += flagged ? 1 : 0;
                continue;
            }
            int kind = jailbreaks.contains(sample.normalised()) ? 2 : 1;
            harmful[0]++;
            harmful[kind]++;
            caught[0] += flagged ? 1 : 0;
            caught[kind] += flagged ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "  %-36s recall %.3f (%d of %d) with %d of %d look-alikes flagged; plain %.3f, wrapped %.3f; PR-AUC %.3f%n",
                name, caught[0] / (double) harmful[0], caught[0], harmful[0], safeFlagged, safe.length,
                caught[1] / (double) Math.max(1, harmful[1]), caught[2] / (double) Math.max(1, harmful[2]),
                Ranking.averagePrecision(scores.stream().mapToDouble(Double::doubleValue).toArray(), labels));
    }
}
