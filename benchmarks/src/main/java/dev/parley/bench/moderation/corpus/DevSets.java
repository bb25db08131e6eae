package dev.parley.bench.moderation.corpus;

import dev.parley.bench.moderation.Csv;
import dev.parley.bench.moderation.ToldBrLabels;
import dev.parley.bench.moderation.ToldBrSplit;
import dev.parley.bench.moderation.corpus.LabelledText.Kind;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.TextNormaliser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evaluation sets of {@code moderation-dev} as {@link LabelledText}, read as
 * {@code Evaluate} reads them. Never part of {@link TrainingCorpus}; only ToLD-Br's
 * {@link ToldBrSplit#TRAIN} and {@link ToldBrSplit#VALIDATION} parts may be trained or tuned on.
 * Rows are not deduplicated or cut: measurements must see the sets as published.
 */
public final class DevSets {

    private DevSets() {
    }

    /**
     * HateCheck's 3,728 English cases ({@code hatecheck-en/test_suite_cases.csv} under
     * {@code moderationDev}): {@code label_gold} hateful to hate, non-hateful to safe. HateCheck
     * labels only hate against protected groups; its abuse of individuals is non-hateful.
     */
    public static List<LabelledText> hateCheck(Path moderationDev) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (Map<String, String> row : Csv.read(moderationDev.resolve("hatecheck-en/test_suite_cases.csv")).named()) {
            boolean hateful = row.get("label_gold").equals("hateful");
            out.add(new LabelledText("hatecheck-en", "en", Kind.POST, row.get("test_case"),
                    hateful ? Set.of(Category.HATE) : Set.of(), false));
        }
        return out;
    }

    /** ToLD-Br's held-out fifth: measure on it, never train or tune on it. */
    public static List<LabelledText> toldBrHeldOut(Path moderationDev) throws IOException {
        return toldBr(moderationDev, ToldBrSplit.HELD_OUT);
    }

    /** ToLD-Br's training part (70%), the part {@code TrainClassifier} learns from. */
    public static List<LabelledText> toldBrTrain(Path moderationDev) throws IOException {
        return toldBr(moderationDev, ToldBrSplit.TRAIN);
    }

    /** ToLD-Br's validation part (10%), for choosing epochs and thresholds. */
    public static List<LabelledText> toldBrValidation(Path moderationDev) throws IOException {
        return toldBr(moderationDev, ToldBrSplit.VALIDATION);
    }

    /** The tweets of {@code part} of {@code told-br/ToLD-BR.csv}, labelled by {@link ToldBrLabels#of}. */
    private static List<LabelledText> toldBr(Path moderationDev, ToldBrSplit part) throws IOException {
        TextNormaliser normaliser = new TextNormaliser();
        List<LabelledText> out = new ArrayList<>();
        for (Map<String, String> row : Csv.read(moderationDev.resolve("told-br/ToLD-BR.csv")).named()) {
            String text = row.get("text");
            if (text == null || text.isBlank() || ToldBrSplit.of(normaliser.normalise(text)) != part) {
                continue;
            }
            out.add(new LabelledText("told-br", "pt", Kind.POST, text, ToldBrLabels.of(row), false));
        }
        return out;
    }
}
