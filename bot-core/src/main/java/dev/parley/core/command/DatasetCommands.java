package dev.parley.core.command;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Platform;
import dev.parley.core.dataset.DatasetFileWriter;
import dev.parley.core.dataset.DatasetFileWriter.DatasetUnavailableException;
import dev.parley.core.dataset.DatasetRequest;
import dev.parley.core.dataset.DatasetSummary;
import dev.parley.core.dataset.Selection;
import dev.parley.core.privacy.ExportFile;
import dev.parley.core.privacy.PrivateDelivery;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /dataset export [platform:id ...] [since DATE] [until DATE] [unrated]}: the operators
 * ({@link Operators}) receive the fine-tuning files of some scopes in their private chat, the same
 * files {@code parley dataset export} writes. The export runs in the background: the command waits
 * a short while for it and otherwise answers that the files will follow. Everyone else is refused;
 * every export, sent or failed, is written to the audit log.
 */
final class DatasetCommands {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetCommands.class);

    static final String USAGE = "Usage: /dataset export [discord:<server id>|telegram:<chat id> ...] [since <date>]"
            + " [until <date>] [unrated]";
    static final String HELP = """
            /dataset (the bot's operators):
              /dataset export [discord:<id>|telegram:<id> ...] [since <date>] [until <date>] [unrated]
                                                 the fine-tuning files of this server or chat (or those named),
                                                 sent to you privately: sft.jsonl, dpo.jsonl, manifest.json.
                                                 Dates are UTC days such as 2026-11-01; unrated adds answers nobody voted on""";
    static final String REFUSED = "Only the bot's operators can export datasets.";

    private final DatasetExportSetup setup;
    private final AdminChanges changes;

    DatasetCommands(DatasetExportSetup setup, AdminChanges changes) {
        this.setup = setup;
        this.changes = changes;
    }

    String handle(CommandLine command, InboundMessage message) {
        if (!setup.operators().wrote(message)) {
            return REFUSED;
        }
        if (!command.word(0).equals("export")) {
            return USAGE;
        }
        DatasetRequest request;
        try {
            request = parse(command.words().subList(1, command.words().size()), message, changes.clock().instant());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        CompletableFuture<String> export;
        try {
            export = CompletableFuture.supplyAsync(() -> export(request, message), setup.background());
        } catch (RejectedExecutionException e) {
            return "The bot is shutting down; no dataset was exported.";
        }
        try {
            return export.get(setup.answerWithin().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "Exporting " + scopes(request) + "; the files will come to you privately when they are ready"
                    + " (the audit log says if it failed).";
        } catch (ExecutionException e) {
            LOG.warn("dataset export failed: {}", String.valueOf(e.getCause()));
            return "The export failed: " + e.getCause().getClass().getSimpleName() + ".";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Exporting " + scopes(request) + "; the files will come to you privately when they are ready.";
        }
    }

    /** Writes and sends the files; runs in the background and audits the outcome itself. */
    private String export(DatasetRequest request, InboundMessage message) {
        String what = scopes(request) + " from " + request.since() + " to " + request.until();
        DatasetFileWriter.Written written;
        try {
            written = setup.writer().write(request);
        } catch (DatasetUnavailableException e) {
            changes.record(message, "dataset.export.failed", what + ": " + e.getMessage());
            return "The export failed: " + e.getMessage();
        } catch (RuntimeException e) {
            // after the command answered, nobody else would hear of it: audit and log it here
            LOG.warn("dataset export failed", e);
            changes.record(message, "dataset.export.failed", what + ": " + e.getClass().getSimpleName());
            return "The export failed: " + e.getClass().getSimpleName() + ".";
        }
        Platform platform = message.location().platform();
        for (ExportFile file : written.files()) {
            PrivateDelivery.Outcome outcome = setup.delivery().send(platform, message.author(), file);
            if (outcome != PrivateDelivery.Outcome.SENT) {
                changes.record(message, "dataset.export.failed", what + ": " + file.name() + " not sent, " + outcome);
                return notSent(outcome, platform);
            }
        }
        String figures = figures(written.summary());
        changes.record(message, "dataset.export", what + ": " + figures);
        return (message.directMessage() ? "Here is" : "I sent you privately") + " the dataset of " + scopes(request)
                + ": " + figures + ".";
    }

    static String figures(DatasetSummary summary) {
        return summary.sftExamples() + " examples and " + summary.preferencePairs() + " preference pairs from "
                + summary.exchangesRead() + " exchanges; dropped: " + summary.droppedOptedOut() + " opted out, "
                + summary.droppedByModerationTotal() + " by moderation, " + summary.droppedEmpty()
                + " empty once redacted, " + summary.droppedIdenticalPairs() + " pairs of identical answers";
    }

    private static String notSent(PrivateDelivery.Outcome outcome, Platform platform) {
        return switch (outcome) {
            case NO_PRIVATE_CHAT -> platform == Platform.TELEGRAM
                    ? "I cannot write to you privately yet: open a private chat with me and press Start, then export again."
                    : "I cannot send you a direct message: allow direct messages from this server's members, then"
                            + " export again.";
            case UNSUPPORTED -> "There is no private chat to send the dataset to here; use parley dataset export on"
                    + " the bot's machine.";
            case FAILED, SENT -> "I could not send you the files just now; please export again later.";
        };
    }

    /** The words after {@code export}; without a scope, the server or chat the command was typed in. */
    static DatasetRequest parse(List<String> words, InboundMessage message, Instant now) {
        List<ScopeKey> scopes = new ArrayList<>();
        Instant since = Instant.EPOCH;
        Instant until = null;
        Selection selection = Selection.THUMBS_UP;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i).toLowerCase(Locale.ROOT);
            switch (word) {
                case "unrated" -> selection = Selection.NO_THUMBS_DOWN;
                case "since", "until" -> {
                    if (i + 1 >= words.size()) {
                        throw new IllegalArgumentException(word + " needs a date, such as 2026-11-01. " + USAGE);
                    }
                    Instant time = time(word, words.get(++i));
                    if (word.equals("since")) {
                        since = time;
                    } else {
                        until = time;
                    }
                }
                default -> scopes.add(scope(words.get(i)));
            }
        }
        if (scopes.isEmpty()) {
            if (message.directMessage() || message.location().platform() == Platform.CONSOLE) {
                throw new IllegalArgumentException("Name the server or chat to export, such as"
                        + " /dataset export discord:123456789012345678. " + USAGE);
            }
            scopes.add(ScopeKey.of(message.location()));
        }
        Instant end = until == null ? now : until;
        if (!since.isBefore(end)) {
            throw new IllegalArgumentException("since (" + since + ") must be before " + (until == null ? "now" : "until")
                    + " (" + end + ").");
        }
        return new DatasetRequest(scopes, since, end, selection);
    }

    private static ScopeKey scope(String typed) {
        int colon = typed.indexOf(':');
        String platform = colon < 0 ? "" : typed.substring(0, colon).toUpperCase(Locale.ROOT);
        String id = colon < 0 ? "" : typed.substring(colon + 1);
        for (Platform candidate : Platform.values()) {
            if (candidate.name().equals(platform) && !id.isBlank()) {
                return new ScopeKey(candidate, id);
            }
        }
        throw new IllegalArgumentException("Unexpected \"" + Characters.shortened(typed, 40) + "\": a scope is"
                + " discord:<server id> or telegram:<chat id>. " + USAGE);
    }

    /** A UTC day (its start) or an instant such as {@code 2026-11-01T12:00:00Z}. */
    private static Instant time(String word, String typed) {
        try {
            return typed.contains("T") ? Instant.parse(typed) : LocalDate.parse(typed).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(word + " must be a date such as 2026-11-01 or a UTC time such as"
                    + " 2026-11-01T12:00:00Z, was \"" + Characters.shortened(typed, 40) + "\".");
        }
    }

    private static String scopes(DatasetRequest request) {
        return request.scopes().stream().map(s -> s.platform().name().toLowerCase(Locale.ROOT) + ":" + s.scopeId())
                .collect(Collectors.joining(", "));
    }
}
