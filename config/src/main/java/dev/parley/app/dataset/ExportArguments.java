package dev.parley.app.dataset;

import dev.parley.core.conversation.Platform;
import dev.parley.core.dataset.Selection;
import dev.parley.core.settings.ScopeKey;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of {@code dataset export}, checked: each problem is one line naming the argument.
 *
 * @param until the end of the period, exclusive: {@code --until}, or the time of the export
 * @param names the file of names to mask, or null
 * @param databaseUrl {@code --database-url}, or null for the environment's or the default
 */
record ExportArguments(List<ScopeKey> scopes, Instant since, Instant until, Path out, Selection selection,
        @Nullable Path names, boolean lexicalOnly, @Nullable String databaseUrl) {

    static final String USAGE = "usage: parley dataset export --scope PLATFORM:ID [--scope ...] --since DATE"
            + " [--until DATE] --out DIR [--include-unrated] [--names FILE] [--lexical-only] [--database-url URL]";

    /** An argument the command cannot use; the message is one line. */
    static final class BadArgumentException extends Exception {
        BadArgumentException(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads {@code args}, the words after {@code dataset}; {@code now} ends the period when {@code --until} is absent. */
    static ExportArguments parse(List<String> args, Instant now) throws BadArgumentException {
        if (args.isEmpty() || !args.getFirst().equals("export")) {
            throw new BadArgumentException((args.isEmpty() ? "missing" : "unknown") + " action"
                    + (args.isEmpty() ? "" : " " + args.getFirst()) + "; " + USAGE);
        }
        List<ScopeKey> scopes = new ArrayList<>();
        Instant since = null;
        Instant until = null;
        Path out = null;
        Path names = null;
        String databaseUrl = null;
        Selection selection = Selection.THUMBS_UP;
        boolean lexicalOnly = false;
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--include-unrated" -> selection = Selection.NO_THUMBS_DOWN;
                case "--lexical-only" -> lexicalOnly = true;
                case "--scope", "--since", "--until", "--out", "--names", "--database-url" -> {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new BadArgumentException(arg + " needs a value; " + USAGE);
                    }
                    String value = args.get(++i);
                    switch (arg) {
                        case "--scope" -> scopes.add(scope(value));
                        case "--since" -> since = time(arg, value);
                        case "--until" -> until = time(arg, value);
                        case "--out" -> out = path(arg, value);
                        case "--names" -> names = path(arg, value);
                        default -> databaseUrl = value;
                    }
                }
                default -> throw new BadArgumentException("unknown argument " + arg + "; " + USAGE);
            }
        }
        if (scopes.isEmpty()) {
            throw new BadArgumentException("--scope is required, such as --scope discord:123456789; " + USAGE);
        }
        if (since == null) {
            throw new BadArgumentException("--since is required, such as --since 2026-11-01; " + USAGE);
        }
        if (out == null) {
            throw new BadArgumentException("--out is required: the directory to write the files into; " + USAGE);
        }
        Instant end = until == null ? now : until;
        if (!since.isBefore(end)) {
            throw new BadArgumentException("--since (" + since + ") must be before " + (until == null ? "now" : "--until")
                    + " (" + end + ")");
        }
        return new ExportArguments(List.copyOf(scopes), since, end, out, selection, names, lexicalOnly, databaseUrl);
    }

    private static ScopeKey scope(String value) throws BadArgumentException {
        int colon = value.indexOf(':');
        String platform = colon < 0 ? "" : value.substring(0, colon).strip().toUpperCase(Locale.ROOT);
        String id = colon < 0 ? "" : value.substring(colon + 1).strip();
        for (Platform candidate : Platform.values()) {
            if (candidate.name().equals(platform) && !id.isEmpty()) {
                return new ScopeKey(candidate, id);
            }
        }
        throw new BadArgumentException("--scope must be PLATFORM:ID with PLATFORM one of discord, telegram, console"
                + " (a Discord server id or a Telegram chat id), was " + value);
    }

    /** A date (its start, UTC) or an instant such as {@code 2026-11-01T12:00:00Z}. */
    private static Instant time(String name, String value) throws BadArgumentException {
        try {
            return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadArgumentException(name + " must be a date such as 2026-11-01 or a UTC time such as"
                    + " 2026-11-01T12:00:00Z, was " + value);
        }
    }

    private static Path path(String name, String value) throws BadArgumentException {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new BadArgumentException(name + " is not a path: " + e.getMessage());
        }
    }
}
