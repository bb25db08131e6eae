package dev.parley.telegram;

import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.reply.EditableReplies;
import dev.parley.core.reply.ReplyCaches;
import dev.parley.core.reply.ReplyChains;
import dev.parley.core.reply.ReplySplitter;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Where the adapter's answers go: a {@link TelegramReplySink} per message answered, kept for a
 * while so that an edit of the message re-answers in the same reply, and the reply chain each
 * group message joins, so that each chain is a conversation of its own.
 */
final class TelegramReplies {

    /** Telegram's limit on one message's text. */
    static final int MAX_MESSAGE_LENGTH = 4096;

    private final TelegramClient client;
    private final OutboundDriver driver;
    private final ScheduledExecutorService timers;
    private final ReplySplitter splitter = new ReplySplitter(MAX_MESSAGE_LENGTH);
    private final ReplyChains chains;
    /** The reply to each recent message, so that an edit of the message re-answers in the same reply. */
    private final EditableReplies<TelegramReplySink> sinks;

    TelegramReplies(TelegramClient client, OutboundDriver driver, ScheduledExecutorService timers, ReplyCaches caches) {
        this.client = client;
        this.driver = driver;
        this.timers = timers;
        this.chains = new ReplyChains(caches);
        this.sinks = new EditableReplies<>(caches);
    }

    /** A sink answering {@code messageId}; what it posts joins the chain {@code root}, when there is one. */
    TelegramReplySink sink(long chatId, boolean group, int messageId, @Nullable String root) {
        return new TelegramReplySink(client, driver, timers, splitter, chatId, group, messageId,
                root == null ? posted -> {} : posted -> chains.remember(key(chatId, posted), root, true));
    }

    /** A new sink answering {@code messageId}, kept under the core's id of the message for its edits. */
    TelegramReplySink keptSink(String coreId, long chatId, boolean group, int messageId, @Nullable String root) {
        TelegramReplySink sink = sink(chatId, group, messageId, root);
        sinks.keep(coreId, sink);
        return sink;
    }

    /** The sink that answered the message {@code coreId}, while it is kept. */
    @Nullable TelegramReplySink answered(String coreId) {
        return sinks.replyTo(coreId);
    }

    /**
     * In a group, the root of the reply chain {@code text} joins: each chain is a conversation, so
     * people talking to the bot side by side do not share context. A private chat is one
     * conversation (null). In a forum topic a message that answers nothing still "replies" to the
     * topic's first message; that does not count as a reply.
     */
    @Nullable String conversationRoot(UpdateReader.Reading.Text text) {
        if (!text.group()) {
            return null;
        }
        if (text.edited()) {
            return chains.rootOf(key(text.chatId(), text.messageId())); // an edit stays where the message was
        }
        Integer replyTo = text.replyTo();
        if (replyTo != null && replyTo.equals(text.threadId())) {
            replyTo = null;
        }
        return chains.join(key(text.chatId(), text.messageId()), replyTo == null ? null : key(text.chatId(), replyTo));
    }

    /** A message's id in the chains: Telegram's ids are unique only within a chat ({@code chat:message}). */
    private static String key(long chatId, int messageId) {
        return chatId + ":" + messageId;
    }
}
