package dev.parley.bench.moderation.corpus;

import java.util.List;

/**
 * One set of the training corpus after cleaning, with what the cleaning did.
 *
 * @param name the set's folder name
 * @param language {@code "en"} or {@code "pt"}
 * @param texts the rows kept, in file order
 * @param read rows the reader produced (rows without text or label, such as Reddit-BR's
 *     disagreements, are not read)
 * @param duplicates rows dropped because an earlier row of this set has the same normalised text
 * @param conflicting of those, how many carried other labels than the row kept (the labels are
 *     merged into the kept row)
 * @param inEarlierSet rows dropped because a set earlier in name order holds the same text
 * @param truncated rows cut to {@link TextLimit#MAX_CHARS}
 */
public record CorpusSet(String name, String language, List<LabelledText> texts, int read, int duplicates,
                        int conflicting, int inEarlierSet, int truncated) {

    public CorpusSet {
        texts = List.copyOf(texts);
    }

    /** Rows with at least one category. */
    public long positives() {
        return texts.stream().filter(LabelledText::positive).count();
    }
}
