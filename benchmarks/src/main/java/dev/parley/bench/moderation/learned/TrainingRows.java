package dev.parley.bench.moderation.learned;

import dev.parley.bench.moderation.corpus.DevSets;
import dev.parley.bench.moderation.corpus.LabelledText;
import dev.parley.bench.moderation.corpus.TrainingCorpus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows the heads train on, and so the rows the encoder is fine-tuned on: one place, so the two
 * never drift apart. In order: the open training sets, ToLD-Br's training part, the written examples
 * (a set per language); a text that is also in a measured set is dropped, whichever set it came from.
 */
final class TrainingRows {

    private TrainingRows() {
    }

    /** The normalised texts of every measured set: HateCheck, ToLD-Br's held-out fifth, the written evaluation examples. */
    static Set<String> measured(Path devDir, Path authoredDir) throws IOException {
        Set<String> measured = new HashSet<>();
        for (List<LabelledText> held : List.of(DevSets.hateCheck(devDir), DevSets.toldBrHeldOut(devDir),
                AuthoredExamples.read(authoredDir.resolve("eval.tsv"), "authored-eval"))) {
            held.forEach(text -> measured.add(text.normalisedText()));
        }
        return measured;
    }

    /**
     * The training rows.
     *
     * @param withoutEveryday leave the written short everyday rows out altogether
     * @param everydayFold keep them in a set of their own rather than in their language's written set
     */
    static List<LabelledText> texts(Path trainDir, Path devDir, Path authoredDir, boolean withoutEveryday,
            boolean everydayFold) throws IOException {
        Set<String> measured = measured(devDir, authoredDir);
        List<LabelledText> rows = new ArrayList<>(TrainingCorpus.load(trainDir).texts());
        DevSets.toldBrTrain(devDir).forEach(text -> rows.add(renamed(text, "told-br-train")));
        // the written examples are a fold per language: left out in turn like the rest, so the
        // calibration also sees Portuguese requests it was not trained on; the everyday rows, all
        // safe, are a fold of their own when everydayFold is set, so calibration never sees them
        for (LabelledText text : AuthoredExamples.read(authoredDir.resolve("train.tsv"), "written")) {
            boolean everyday = text.set().equals(AuthoredExamples.EVERYDAY_SET);
            if (!(withoutEveryday && everyday)) {
                rows.add(renamed(text, everydayFold && everyday ? AuthoredExamples.EVERYDAY_SET : "written-" + text.language()));
            }
        }
        return rows.stream().filter(text -> !measured.contains(text.normalisedText())).toList();
    }

    private static LabelledText renamed(LabelledText text, String set) {
        return new LabelledText(set, text.language(), text.kind(), text.text(), text.labels(), text.weak());
    }
}
