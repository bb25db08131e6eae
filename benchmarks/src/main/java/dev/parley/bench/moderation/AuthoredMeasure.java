package dev.parley.bench.moderation;

import dev.parley.core.moderation.LearnedModerationProvider;
import dev.parley.core.moderation.learned.CategoryHeads;
import dev.parley.core.moderation.learned.TextClauses;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the measurements on the team's written sets ({@link LongContext}, {@link LongReplies}) share:
 * their arguments (the reading of long texts, a heads file), the rows of a written TSV file, and
 * how a share is printed.
 */
final class AuthoredMeasure {

    private AuthoredMeasure() {
    }

    /**
     * The reading the arguments ask for, taking its flag out of {@code args}: the shipped one,
     * {@code --whole} (whole windows only, as before session 19) or {@code --every-clause}.
     */
    static TextClauses clauses(List<String> args) {
        return args.remove("--whole") ? TextClauses.NONE
                : args.remove("--every-clause") ? LearnedModerationProvider.clausesOfEveryText()
                : LearnedModerationProvider.standardClauses();
    }

    /** The heads file named second in {@code args}, or the shipped heads when there is none. */
    static CategoryHeads heads(List<String> args) throws IOException {
        if (args.size() < 2) {
            return LearnedModerationProvider.standardHeads();
        }
        try (InputStream in = Files.newInputStream(Path.of(args.get(1)))) {
            return CategoryHeads.read(in);
        }
    }

    /** The lines of a written TSV file after its header, blank lines left out. */
    static List<String> rows(Path tsv) throws IOException {
        List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream().filter(line -> !line.isBlank()).toList();
    }

    /** {@code 0.123 (5/40)}. */
    static String share(int part, int whole) {
        return String.format(Locale.ROOT, "%.3f (%d/%d)", whole == 0 ? 0 : (double) part / whole, part, whole);
    }
}
