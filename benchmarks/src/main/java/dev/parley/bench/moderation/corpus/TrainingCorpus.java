package dev.parley.bench.moderation.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fourteen sets of {@code moderation-train}, read, mapped and cleaned for training.
 *
 * <p>Sets come in name order and rows in file order, so two loads give equal lists. Cleaning:
 * <ul>
 *   <li>texts longer than {@link TextLimit#MAX_CHARS} are cut at a word boundary (mostly
 *       reddit-cssrs-suicide, whose rows are a user's whole history, and a few Reddit-BR comments);
 *   <li>within a set, a text whose normalised form (lower case, whitespace collapsed) was already
 *       seen is dropped and its labels merged into the first copy;
 *   <li>across sets, a text stays only in the first set in name order: the trainer leaves one
 *       set out at a time, and a text in two sets would leak into its own test.
 * </ul>
 *
 * @param sets the sets in name order
 */
public record TrainingCorpus(List<CorpusSet> sets) {

    /** The readers, one per folder; {@link #load} sorts them by name. */
    static final List<SetReader> READERS = List.of(new AdvBenchSet(), new DavidsonHateOffensiveSet(),
            new DoNotAnswerSet(), new HarmBenchSet(), new OasstPromptsEnSet(), new RedditBrToxicitySet(),
            new RedditCssrsSuicideSet(), new RtpChallengingSet(), new SelfInstructPromptsSet(),
            new SimpleSafetyTestsSet(), new StrongRejectSet(), new ToxicSpansSet(), new ToxigenDemonstrationsSet(),
            new TupySet());

    public TrainingCorpus {
        sets = List.copyOf(sets);
    }

    /** Reads every set under {@code moderationTrain} (the folder holding the fourteen set folders). */
    public static TrainingCorpus load(Path moderationTrain) throws IOException {
        Set<String> earlierSets = new HashSet<>();
        List<CorpusSet> sets = new ArrayList<>();
        for (SetReader reader : readers()) {
            List<LabelledText> raw = reader.read(moderationTrain.resolve(reader.name()));
            Map<String, LabelledText> kept = new LinkedHashMap<>();
            int duplicates = 0;
            int conflicting = 0;
            int inEarlierSet = 0;
            int truncated = 0;
            for (LabelledText row : raw) {
                String text = TextLimit.cut(row.text(), TextLimit.MAX_CHARS);
                if (text.length() < row.text().length()) {
                    truncated++;
                    row = new LabelledText(row.set(), row.language(), row.kind(), text, row.labels(), row.weak());
                }
                String key = row.normalisedText();
                if (earlierSets.contains(key)) {
                    inEarlierSet++;
                    continue;
                }
                LabelledText first = kept.get(key);
                if (first == null) {
                    kept.put(key, row);
                    continue;
                }
                duplicates++;
                if (!first.labels().equals(row.labels())) {
                    conflicting++;
                }
                kept.put(key, first.withLabels(row.labels(), row.weak()));
            }
            earlierSets.addAll(kept.keySet());
            sets.add(new CorpusSet(reader.name(), reader.language(), List.copyOf(kept.values()), raw.size(),
                    duplicates, conflicting, inEarlierSet, truncated));
        }
        return new TrainingCorpus(sets);
    }

    /** The readers in name order: the order of {@link #sets} and of cross-set deduplication. */
    public static List<SetReader> readers() {
        return READERS.stream().sorted(Comparator.comparing(SetReader::name)).toList();
    }

    /** Every text of every set, sets in name order. */
    public List<LabelledText> texts() {
        return sets.stream().flatMap(set -> set.texts().stream()).toList();
    }

    /** The set named {@code name}. */
    public CorpusSet set(String name) {
        return sets.stream().filter(set -> set.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no set " + name));
    }
}
