package dev.parley.bench.moderation.corpus;

import dev.parley.core.moderation.Category;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads one set of {@code moderation-train} and maps its labels, following its {@code SOURCE.txt}.
 * One implementation per set, so that each mapping reads in one place.
 */
public interface SetReader {

    /** The set's folder name, e.g. {@code "davidson-hate-offensive"}. */
    String name();

    /** {@code "en"} or {@code "pt"}. */
    String language();

    /** Every category the mapping can give (parents included): a row with another is a bug. */
    Set<Category> categories();

    /** The rows in file order (files in name order), before duplicates are removed. */
    List<LabelledText> read(Path setFolder) throws IOException;
}
