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
import dev.parley.core.moderation.learned.HashedNgrams;
import dev.parley.core.moderation.learned.LinearModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Trains the local tier's Portuguese toxicity classifier on ToLD-Br's training part and writes
 * the model the tier ships. Deterministic: the same data and arguments give the same bytes.
 *
 * <pre>
 * java -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.moderation.TrainClassifier \
 *     ../shared/moderation-dev/told-br/ToLD-BR.csv \
 *     bot-core/src/main/resources/dev/parley/core/moderation/learned/pt-toxicity.plm
 * </pre>
 *
 * <p>A tweet is positive when at least two of its three annotators flagged homophobia, insult,
 * racism, misogyny or xenophobia (the evaluation's main reading). Logistic regression with
 * AdaGrad and L2, {@value #EPOCHS} epochs at most; the epoch and the decision threshold are those
 * that give the best F1 on the validation part for the whole local tier (lexicon and rules, or
 * the classifier). The held-out part ({@link ToldBrSplit#HELD_OUT}) is skipped unread.
 */
public final class TrainClassifier {

    // Chosen on the validation part (F1 0.53-0.55 for every setting tried: learning rate 0.05-0.2,
    // L2 1e-6-1e-5, 2^18-2^20 buckets, n-grams 1-4, 2-5, 3-6, soft labels, positive weight 3).
    private static final int EPOCHS = 15;
    private static final int BITS = 18;
    private static final int SHORTEST_NGRAM = 1;
    private static final int LONGEST_NGRAM = 4;
    private static final double LEARNING_RATE = 0.2;
    private static final double L2 = 1e-6;
    private static final long SEED = 20261127L;
    private static final Set<Category> TOXIC = EnumSet.of(Category.HATE, Category.HATE_THREATENING,
            Category.HARASSMENT, Category.HARASSMENT_THREATENING);
    private static final List<String> POSITIVE_COLUMNS = List.of("homophobia", "insult", "racism", "misogyny", "xenophobia");

    private record Example(String normalised, int[] features, boolean positive, boolean lexiconFlags) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TrainClassifier <ToLD-BR.csv> <model file to write>");
            System.exit(2);
        }
        TextNormaliser normaliser = new TextNormaliser();
        Moderator lexiconOnly = new Moderator(normaliser,
                List.of(new LocalModerationProvider(Lexicon.standard(normaliser), LocalModerationProvider.standardRules())), 0);
        ModerationPolicy policy = ModerationPolicy.of(TermList.EMPTY, Set.of(Direction.INPUT, Direction.OUTPUT), "", "");
        HashedNgrams features = new HashedNgrams(BITS, SHORTEST_NGRAM, LONGEST_NGRAM);

        List<Example> train = new ArrayList<>();
        List<Example> validation = new ArrayList<>();
        int heldOut = 0;
        for (Map<String, String> row : Csv.read(Path.of(args[0])).named()) {
            String text = row.get("text");
            if (text == null) {
                continue;
            }
            String normalised = normaliser.normalise(text);
            ToldBrSplit part = ToldBrSplit.of(normalised);
            if (part == ToldBrSplit.HELD_OUT) {
                heldOut++;
                continue;
            }
            boolean positive = false;
            for (String column : POSITIVE_COLUMNS) {
                positive |= Double.parseDouble(row.getOrDefault(column, "0")) >= 2;
            }
            Example example = new Example(normalised, featuresOf(features, normalised), positive,
                    flagsToxic(lexiconOnly.evaluate(text, Direction.INPUT, policy)));
            (part == ToldBrSplit.TRAIN ? train : validation).add(example);
        }
        System.out.printf(Locale.ROOT, "train %d (%d positive), validation %d (%d positive), held out and unread %d%n",
                train.size(), positives(train), validation.size(), positives(validation), heldOut);

        double[] weights = new double[features.buckets()];
        double[] squares = new double[features.buckets() + 1];
        double[] bias = {0};
        Random random = new Random(SEED);
        List<Example> order = new ArrayList<>(train);
        float[] best = null;
        double bestBias = 0;
        double bestF1 = -1;
        double bestThreshold = 0.5;
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            Collections.shuffle(order, random);
            for (Example example : order) {
                step(weights, squares, bias, example);
            }
            float[] rounded = new float[weights.length];
            for (int i = 0; i < weights.length; i++) {
                rounded[i] = (float) weights[i];
            }
            Choice choice = bestThreshold(new LinearModel(features, rounded, (float) bias[0]), validation);
            System.out.printf(Locale.ROOT, "epoch %2d  validation F1 %.3f at threshold %.2f%n", epoch, choice.f1, choice.threshold);
            if (choice.f1 > bestF1) {
                bestF1 = choice.f1;
                bestThreshold = choice.threshold;
                best = rounded;
                bestBias = bias[0];
                bestEpoch = epoch;
            }
        }
        float shifted = (float) (bestBias - Math.log(bestThreshold / (1 - bestThreshold)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new LinearModel(features, best, shifted).write(bytes);
        LinearModel shipped = LinearModel.read(new ByteArrayInputStream(bytes.toByteArray()));
        Choice check = bestThreshold(shipped, validation);
        Files.createDirectories(Path.of(args[1]).toAbsolutePath().getParent());
        Files.write(Path.of(args[1]), bytes.toByteArray());
        System.out.printf(Locale.ROOT, "kept epoch %d, threshold %.2f; as written (16-bit weights): validation F1 %.3f at 0.50"
                + " (best %.3f at %.2f); %d bytes to %s, sha256 %s%n", bestEpoch, bestThreshold, f1At(logits(shipped, validation), validation, 0.5),
                check.f1, check.threshold, bytes.size(), args[1], sha256(bytes.toByteArray()));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static int[] featuresOf(HashedNgrams features, String normalised) {
        int[] buckets = new int[features.maxFeatures(normalised.length())];
        return java.util.Arrays.copyOf(buckets, features.features(normalised, buckets));
    }

    private static boolean flagsToxic(ModerationResult result) {
        for (Category category : TOXIC) {
            if (result.flaggedCategories().contains(category)) {
                return true;
            }
        }
        return false;
    }

    private static long positives(List<Example> examples) {
        return examples.stream().filter(Example::positive).count();
    }

    /** One AdaGrad step of logistic loss with L2 on the weights the example touches. */
    private static void step(double[] weights, double[] squares, double[] bias, Example example) {
        int[] buckets = example.features();
        double scale = buckets.length == 0 ? 0 : 1 / Math.sqrt(buckets.length);
        double z = bias[0];
        for (int bucket : buckets) {
            z += weights[bucket] * scale;
        }
        double error = 1 / (1 + Math.exp(-z)) - (example.positive() ? 1 : 0);
        for (int bucket : buckets) {
            double gradient = error * scale + L2 * weights[bucket];
            squares[bucket] += gradient * gradient;
            weights[bucket] -= LEARNING_RATE * gradient / (Math.sqrt(squares[bucket]) + 1e-8);
        }
        int b = squares.length - 1;
        squares[b] += error * error;
        bias[0] -= LEARNING_RATE * error / (Math.sqrt(squares[b]) + 1e-8);
    }

    private record Choice(double threshold, double f1) {
    }

    private static Choice bestThreshold(LinearModel model, List<Example> examples) {
        double[] logits = logits(model, examples);
        Choice best = new Choice(0.5, -1);
        for (int step = 5; step <= 95; step++) {
            double threshold = step / 100.0;
            double f1 = f1At(logits, examples, threshold);
            if (f1 > best.f1) {
                best = new Choice(threshold, f1);
            }
        }
        return best;
    }

    private static double[] logits(LinearModel model, List<Example> examples) {
        double[] logits = new double[examples.size()];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = model.logit(examples.get(i).normalised());
        }
        return logits;
    }

    /** F1 of "the lexicon and rules flag it, or the model's probability reaches the threshold". */
    private static double f1At(double[] logits, List<Example> examples, double threshold) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        double logitThreshold = Math.log(threshold / (1 - threshold));
        for (int i = 0; i < logits.length; i++) {
            Example example = examples.get(i);
            boolean predicted = example.lexiconFlags() || logits[i] >= logitThreshold;
            if (predicted && example.positive()) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (example.positive()) {
                fn++;
            }
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
}
