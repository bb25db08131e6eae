package dev.parley.bench.moderation.learned;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.parley.bench.moderation.corpus.DevSets;
import dev.parley.bench.moderation.corpus.LabelledText;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.LearnedModerationProvider;
import dev.parley.core.moderation.TextNormaliser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the rows the encoder is fine-tuned on ({@code benchmarks/encoder/finetune.py}) as the
 * encoder reads them: normalised, first window, tokenised by the encoder's own WordPiece tokenizer.
 *
 * <p>The training rows are exactly those {@link TrainModerator} trains its heads on (anything also in a
 * measured set is dropped), with the same per-row weight; the measured sets are written too, marked
 * {@code eval-*}, so the fine-tuning script can report on them and never train on them.
 *
 * <p>Columns: split, set, language, request (0/1), weight, labels (one 0/1 per {@link Category}
 * in ordinal order), token ids separated by spaces.
 */
public final class ExportEncoderRows {

    /** Longer texts are cut: the fine-tune reads at most this many tokens, the separator included. */
    private static final int MAX_TOKENS = 128;

    private static final double ROWS_PER_SET = 2500;

    private ExportEncoderRows() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ExportEncoderRows <moderation-train> <moderation-dev> <authored-dir> <out.tsv>");
            System.exit(2);
        }
        Path trainDir = Path.of(args[0]);
        Path devDir = Path.of(args[1]);
        Path authoredDir = Path.of(args[2]);
        Path out = Path.of(args[3]);

        List<LabelledText> hateCheck = DevSets.hateCheck(devDir);
        List<LabelledText> toldBr = DevSets.toldBrHeldOut(devDir);
        List<LabelledText> written = AuthoredExamples.read(authoredDir.resolve("eval.tsv"), "authored-eval");
        TextNormaliser normaliser = new TextNormaliser();
        List<LabelledText> train = TrainingRows.texts(trainDir, devDir, authoredDir, false, false);

        try (InputStream json = ExportEncoderRows.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json");
                HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(json,
                        Map.of("padding", "false", "truncation", "false", "modelMaxLength", "100000"));
                BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            int rows = write(writer, "train", train, normaliser, tokenizer);
            rows += write(writer, "eval-hatecheck", hateCheck, normaliser, tokenizer);
            rows += write(writer, "eval-toldbr", toldBr, normaliser, tokenizer);
            rows += write(writer, "eval-written", written, normaliser, tokenizer);
            System.out.printf(Locale.ROOT, "wrote %,d rows (%,d to train on) to %s%n", rows, train.size(), out);
        }
    }

    private static int write(BufferedWriter writer, String split, List<LabelledText> texts, TextNormaliser normaliser,
            HuggingFaceTokenizer tokenizer) throws IOException {
        Map<String, Integer> perSet = new HashMap<>();
        texts.forEach(text -> perSet.merge(text.set(), 1, Integer::sum));
        for (LabelledText text : texts) {
            String normalised = LearnedModerationProvider.standardWindows().of(normaliser.normalise(text.text())).getFirst();
            Encoding encoding = tokenizer.encode(normalised.isBlank() ? "." : normalised, true, false);
            long[] ids = encoding.getIds();
            int length = Math.min(ids.length, MAX_TOKENS);
            StringBuilder line = new StringBuilder();
            double weight = Math.min(1, ROWS_PER_SET / perSet.get(text.set())) * (text.weak() ? 0.5 : 1);
            line.append(split).append('\t').append(text.set()).append('\t').append(text.language()).append('\t')
                    .append(text.kind() == LabelledText.Kind.REQUEST ? 1 : 0).append('\t')
                    .append(String.format(Locale.ROOT, "%.5f", weight)).append('\t');
            boolean[] labels = Sample.withParents(text.labels());
            for (boolean label : labels) {
                line.append(label ? '1' : '0');
            }
            line.append('\t');
            for (int i = 0; i < length; i++) {
                // a cut text still ends with the separator the encoder was trained to see
                line.append(i == length - 1 ? ids[ids.length - 1] : ids[i]).append(i == length - 1 ? "" : " ");
            }
            writer.write(line.toString());
            writer.newLine();
        }
        return texts.size();
    }
}
