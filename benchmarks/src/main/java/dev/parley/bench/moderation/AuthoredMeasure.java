package dev.parley.bench.moderation;

import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.LearnedModerationProvider;
import dev.parley.core.moderation.LocalModerationProvider;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TermList;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.moderation.learned.CategoryHeads;
import dev.parley.core.moderation.learned.TextClauses;
import dev.parley.core.moderation.learned.TextEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the measurements on the team's written sets ({@link LongContext}, {@link LongReplies}) share:
 * their arguments (the written set's folder, a heads file, the reading of long texts), the
 * moderation they judge with, the rows of a written TSV file, and how a share is printed.
 */
final class AuthoredMeasure {

    /** What a measurement's arguments ask for. */
    record Arguments(Path authored, CategoryHeads heads, TextClauses clauses) {}

    private AuthoredMeasure() {
    }

    /**
     * Reads {@code <authored-dir> [heads.plh] [--whole | --every-clause]}; on anything else prints
     * the usage of {@code program} and exits 2.
     */
    static Arguments arguments(String program, String[] args) throws IOException {
        List<String> rest = new ArrayList<>(List.of(args));
        TextClauses clauses = clauses(rest);
        if (rest.isEmpty() || rest.size() > 2) {
            System.err.println("usage: " + program + " <authored-dir> [heads.plh] [--whole | --every-clause]");
            System.exit(2);
        }
        return new Arguments(Path.of(rest.get(0)), heads(rest), clauses);
    }

    /** The moderation the bot runs by default, the learned tier with {@code arguments}' heads and reading; no cache. */
    static Moderator moderator(TextEncoder encoder, Arguments arguments) {
        TextNormaliser normaliser = new TextNormaliser();
        LocalModerationProvider local = LocalModerationProvider.standard(normaliser);
        return new Moderator(normaliser, List.of(local, new LearnedModerationProvider(encoder, arguments.heads(), local,
                LearnedModerationProvider.standardWindows(), arguments.clauses(), normaliser)), 0);
    }

    /** The default policy, moderating both directions. */
    static ModerationPolicy defaultPolicy() {
        return ModerationPolicy.of(TermList.EMPTY, Set.of(Direction.INPUT, Direction.OUTPUT), "in", "out");
    }

    /**
     * The reading the arguments ask for, taking its flag out of {@code args}: the shipped one,
     * {@code --whole} (whole windows only, as before session 19) or {@code --every-clause}.
     */
    private static TextClauses clauses(List<String> args) {
        return args.remove("--whole") ? TextClauses.NONE
                : args.remove("--every-clause") ? LearnedModerationProvider.clausesOfEveryText()
                : LearnedModerationProvider.standardClauses();
    }

    /** The heads file named second in {@code args}, or the shipped heads when there is none. */
    private static CategoryHeads heads(List<String> args) throws IOException {
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
