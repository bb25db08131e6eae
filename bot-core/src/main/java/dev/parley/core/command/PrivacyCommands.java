package dev.parley.core.command;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Platform;
import dev.parley.core.privacy.DataSubject;
import dev.parley.core.privacy.ExportFile;
import dev.parley.core.privacy.ExportJson;
import dev.parley.core.privacy.ForgetConfirmations;
import dev.parley.core.privacy.ForgetReport;
import dev.parley.core.privacy.PersonalData;
import dev.parley.core.privacy.PersonalDataExport;
import dev.parley.core.privacy.PersonalDataHolders;
import dev.parley.core.privacy.PrivateDelivery;
import dev.parley.core.settings.ScopeKey;

/**
 * {@code /export} and {@code /forget me}: a user's own data in this scope, sent to them privately
 * as a JSON file, or deleted after a confirmation. Anyone may run them, for themselves only; the
 * file never goes to a group, and neither the audit log nor the answer holds the data itself.
 */
final class PrivacyCommands {

    static final String UNAVAILABLE = "Stored data cannot be exported or forgotten here.";

    private final PersonalDataHolders holders;
    private final PrivateDelivery delivery;
    private final ForgetConfirmations confirmations;
    private final AdminChanges changes;

    PrivacyCommands(PersonalDataHolders holders, PrivateDelivery delivery, ForgetConfirmations confirmations,
            AdminChanges changes) {
        this.holders = holders;
        this.delivery = delivery;
        this.confirmations = confirmations;
        this.changes = changes;
    }

    /** {@code /export}: the author's rows in this scope, as a file in their private chat. */
    String export(InboundMessage message) {
        DataSubject subject = subject(message);
        PersonalDataExport export = holders.export(subject);
        String where = CommandService.scopeNoun(message) + " " + subject.scope().scopeId();
        ExportFile file = new ExportFile(ExportJson.fileName(subject), ExportJson.write(export),
                "Your data stored by Parley in " + where + ": " + rows(export.rows()) + ".");
        PrivateDelivery.Outcome outcome = delivery.send(message.location().platform(), message.author(), file);
        if (outcome == PrivateDelivery.Outcome.SENT) {
            changes.record(message, "privacy.export", rows(export.rows()));
        }
        String incomplete = export.unreadable().isEmpty() ? ""
                : " Some parts could not be read (" + String.join(", ", export.unreadable()) + "): try again later.";
        return switch (outcome) {
            case SENT -> (message.directMessage() ? "Here is" : "I sent you privately")
                    + " what is stored about you in this " + CommandService.scopeNoun(message) + ": "
                    + rows(export.rows()) + ", as a JSON file." + incomplete;
            case NO_PRIVATE_CHAT -> noPrivateChat(message.location().platform());
            case FAILED -> "I could not send you the file just now; nothing was posted here. Please try /export again later.";
            case UNSUPPORTED -> "There is no private chat to send your data to here.";
        };
    }

    /** {@code /forget me [confirm]}: asks, then deletes the author's rows in this scope. */
    String forget(CommandLine command, InboundMessage message) {
        if (!command.word(0).equals("me") || command.words().size() > 2
                || !(command.word(1).isEmpty() || command.word(1).equals("confirm"))) {
            return "Usage: /forget me, then /forget me confirm. Only your own data can be forgotten.";
        }
        DataSubject subject = subject(message);
        long minutes = Math.max(1, confirmations.window().toMinutes());
        if (command.word(1).isEmpty()) {
            confirmations.ask(subject);
            return "This deletes what is stored about you in this " + CommandService.scopeNoun(message)
                    + ": your conversation history, usage details, strikes, allow-list entries and feedback,"
                    + " and leaves you out of feedback datasets. It cannot be undone. An admin's ban and a"
                    + " mute still running stay. To go ahead, send /forget me confirm within " + minutes
                    + (minutes == 1 ? " minute." : " minutes.");
        }
        if (!confirmations.confirm(subject)) {
            return "Send /forget me first; then /forget me confirm within " + minutes
                    + (minutes == 1 ? " minute." : " minutes.");
        }
        ForgetReport report = holders.forget(subject);
        // the entry names nobody: the user's own audit entries were just made anonymous too
        changes.audit().record(new AuditEntry(changes.clock().instant(), subject.scope(), PersonalData.ANONYMOUS_ID,
                "privacy.forget", rows(report.deleted()) + (report.complete() ? "" : "; failed: "
                        + String.join(", ", report.failed()))));
        StringBuilder answer = new StringBuilder("Forgotten: ").append(report.deleted())
                .append(report.deleted() == 1 ? " stored row" : " stored rows")
                .append(" about you here were deleted or made anonymous.");
        if (!report.kept().isEmpty()) {
            answer.append(" Kept: ").append(String.join("; ", report.kept())).append('.');
        }
        if (!report.complete()) {
            answer.append(" Some of it could not be deleted (").append(String.join(", ", report.failed()))
                    .append("): please send /forget me again later.");
        }
        return answer.toString();
    }

    private static String noPrivateChat(Platform platform) {
        return switch (platform) {
            case TELEGRAM -> "I cannot write to you privately yet: open a private chat with me and press Start,"
                    + " then send /export again. Nothing was posted here.";
            case DISCORD -> "I cannot send you a direct message: allow direct messages from this server's members,"
                    + " then send /export again. Nothing was posted here.";
            case CONSOLE -> "There is no private chat to send your data to here.";
        };
    }

    private static String rows(int count) {
        return count + (count == 1 ? " row" : " rows");
    }

    private static DataSubject subject(InboundMessage message) {
        return new DataSubject(ScopeKey.of(message.location()), message.author().id());
    }
}
