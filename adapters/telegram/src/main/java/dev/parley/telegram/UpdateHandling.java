package dev.parley.telegram;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.Outcome;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * What the adapter does with each update once started, where everything that needs the bot's own
 * identity exists: a text goes to the core (as a group's message where {@code /manage} redirects
 * it, refused here when it names an audit chat the admin may not use), {@code /manage} and
 * non-text messages are answered by the adapter itself, everything else is skipped. Counts each
 * update whose handling finished.
 */
final class UpdateHandling {

    // logged under the adapter's name, as before this class was split from it
    private static final Logger LOG = LoggerFactory.getLogger(TelegramAdapter.class);

    private final ChatPipeline pipeline;
    private final UpdateReader reader;
    private final AdminLookup admins;
    private final GroupAdministration groups;
    private final AuditChatCheck auditChats;
    private final TelegramReplies replies;
    private final LongAdder handled;
    private final UnservedGroups unserved;
    private final ReviewButtons reviewButtons;
    private final TelegramReactions reactions;
    private final RegenerateButtons regenerateButtons;

    UpdateHandling(ChatPipeline pipeline, UpdateReader reader, AdminLookup admins, GroupAdministration groups,
            AuditChatCheck auditChats, TelegramReplies replies, LongAdder handled, UnservedGroups unserved,
            ReviewButtons reviewButtons, TelegramReactions reactions, RegenerateButtons regenerateButtons) {
        this.pipeline = pipeline;
        this.reader = reader;
        this.admins = admins;
        this.groups = groups;
        this.auditChats = auditChats;
        this.replies = replies;
        this.handled = handled;
        this.unserved = unserved;
        this.reviewButtons = reviewButtons;
        this.reactions = reactions;
        this.regenerateButtons = regenerateButtons;
    }

    /** On a lane's virtual thread: one update to the core. */
    void handle(Update update) {
        if (update.hasCallbackQuery()) {
            try {
                if (!regenerateButtons.press(update.getCallbackQuery())) {
                    reviewButtons.press(update.getCallbackQuery()); // a review action under a block report
                }
            } finally {
                handled.increment();
            }
            return;
        }
        if (update.getMessageReaction() != null) {
            try {
                reactions.handle(update.getMessageReaction());
            } finally {
                handled.increment();
            }
            return;
        }
        UpdateReader.Reading reading = reader.read(update);
        if (reading instanceof UpdateReader.Reading.Text text && !isManage(text)) {
            answer(text);
            return;
        }
        try {
            switch (reading) {
                case UpdateReader.Reading.Skip skip ->
                    LOG.debug("update {} skipped: {}", update.getUpdateId(), skip.reason());
                case UpdateReader.Reading.AddedToGroup added -> unserved.added(added.chatId());
                case UpdateReader.Reading.NonText nonText -> {
                    if (nonText.privateChat()) {
                        replies.sink(nonText.chatId(), false, nonText.messageId(), null).tell(TelegramAdapter.TEXT_ONLY);
                    }
                }
                case UpdateReader.Reading.Text manage -> replies.sink(manage.chatId(), false, manage.messageId(), null)
                        .tell(groups.manage(manage.authorId(), manage.commandArgument()));
            }
        } finally {
            handled.increment(); // decided here: nothing for the core
        }
    }

    /** {@code /manage} in a private chat: the adapter's own command (see {@link GroupAdministration}). */
    private static boolean isManage(UpdateReader.Reading.Text text) {
        return text.privateChat() && !text.edited() && text.commandName().equals("manage");
    }

    /** A text for the core, in the same reply as before if it is an edit. */
    private void answer(UpdateReader.Reading.Text text) {
        boolean admin = text.group() && text.command() && admins.isAdmin(text.chatId(), text.authorId());
        InboundMessage message = text.toInbound(admin, replies.conversationRoot(text));
        GroupAdministration.ManagedGroup managed = text.privateChat() && text.command() && !text.edited()
                ? groups.managedBy(text.authorId()) : null;
        if (managed != null && GroupAdministration.ADMIN_COMMANDS.contains(text.commandName())) {
            message = groups.inGroup(message, text.authorId(), managed);
        }
        String auditChat = AuditChatCheck.chatNamed(message);
        if (auditChat != null && message.author().admin()) {
            // checked here, where Telegram can be asked; a member is refused by the core as for any change
            String refusal = auditChats.refusal(auditChat, text.authorId());
            if (refusal != null) {
                try {
                    replies.sink(text.chatId(), false, text.messageId(), null).tell(refusal);
                } finally {
                    handled.increment();
                }
                return;
            }
        }
        TelegramReplySink sink = text.edited() ? replies.answered(message.messageId()) : null;
        if (sink != null) {
            sink.answerEdit();
        } else {
            sink = replies.keptSink(message.messageId(), text.chatId(), text.group(), text.messageId(),
                    message.conversationRoot());
        }
        answer(text, message, sink);
    }

    /**
     * Hands a text to the core, "typing" shown while it waits. An edit withdraws the answer still
     * pending for the message, if any, and the new text is answered in the same reply.
     */
    private void answer(UpdateReader.Reading.Text text, InboundMessage message, TelegramReplySink sink) {
        var answered = text.edited() ? pipeline.messageEdited(message, sink) : pipeline.handle(message, sink);
        if (!answered.isDone() && !text.command()) {
            sink.startTyping(); // waiting for the model; stopped below if it finished meanwhile
        }
        answered.whenComplete((outcome, failure) -> {
            if (!(outcome instanceof Outcome.Edited)) {
                sink.stopTyping(); // an edited message's sink now types for the new text
            }
            if (failure != null) {
                sink.notice(new Notice(Notice.Kind.FAILED, TelegramAdapter.SOMETHING_WENT_WRONG));
            } else if (outcome instanceof Outcome.Ignored) {
                LOG.debug("message {} ignored", message.messageId());
            }
            handled.increment();
        });
    }
}
