package dev.parley.telegram;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Reads one update the way the core needs it: which chat, who, what text, and whether it is
 * addressed to this bot (a private chat, a mention of its username, a reply to one of its
 * messages, or a command with its name). Commands lose their {@code @botname}; mentions of the bot
 * are taken out of the text the model reads.
 */
final class UpdateReader {

    private final long botId;
    private final String botUsername;

    UpdateReader(long botId, String botUsername) {
        this.botId = botId;
        this.botUsername = botUsername.toLowerCase(Locale.ROOT);
    }

    /** What an update is, for the adapter. */
    sealed interface Reading {

        /** Nothing to do: channel posts, service messages, commands for another bot. */
        record Skip(String reason) implements Reading {}

        /** The bot was added to a group (it was not a member before). */
        record AddedToGroup(long chatId) implements Reading {}

        /** A sticker, photo, voice... : answered briefly in private chats, ignored in groups. */
        record NonText(long chatId, int messageId, boolean privateChat) implements Reading {}

        /** A text message for the core; the adapter adds whether its author is an admin. */
        record Text(long chatId, boolean group, int messageId, long authorId, String authorName, boolean authorIsBot,
                String text, @Nullable Integer replyTo, boolean mentionsBot, boolean privateChat,
                @Nullable Integer threadId, Instant sentAt, boolean edited) implements Reading {

            /** Whether the text is a command (which the core answers whoever it is addressed to). */
            boolean command() {
                return text.length() > 1 && text.charAt(0) == '/' && Character.isLetter(text.charAt(1));
            }

            /** The command's name in lower case ({@code "moderation"} for {@code /moderation show}), or "" for a text. */
            String commandName() {
                if (!command()) {
                    return "";
                }
                int end = 1;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                return text.substring(1, end).toLowerCase(java.util.Locale.ROOT);
            }

            /** What follows the command's name, stripped. */
            String commandArgument() {
                return text.substring(1 + commandName().length()).strip();
            }

            /** The message for the core; {@code conversationRoot} is its reply chain's root in a group, else null. */
            InboundMessage toInbound(boolean admin, @Nullable String conversationRoot) {
                String chat = String.valueOf(chatId);
                return new InboundMessage(chat + ":" + messageId,
                        new Location(Platform.TELEGRAM, chat, chat, threadId == null ? null : String.valueOf(threadId)),
                        new Author(String.valueOf(authorId), authorName, Set.of(), admin, authorIsBot),
                        text, replyTo == null ? null : chat + ":" + replyTo, mentionsBot, privateChat, sentAt,
                        conversationRoot);
            }
        }
    }

    private Reading addedToGroup(ChatMemberUpdated change) {
        String type = change.getChat().getType();
        boolean group = "group".equals(type) || "supergroup".equals(type);
        boolean wasOut = Set.of("left", "kicked").contains(change.getOldChatMember().getStatus());
        boolean isIn = Set.of("member", "administrator").contains(change.getNewChatMember().getStatus());
        return group && wasOut && isIn ? new Reading.AddedToGroup(change.getChat().getId())
                : new Reading.Skip("a change of the bot's membership");
    }

    Reading read(Update update) {
        if (update.hasChannelPost() || update.hasEditedChannelPost()) {
            return new Reading.Skip("a channel post");
        }
        if (update.hasMyChatMember()) {
            return addedToGroup(update.getMyChatMember());
        }
        boolean edited = update.hasEditedMessage();
        if (!edited && !update.hasMessage()) {
            return new Reading.Skip("not a message");
        }
        Message message = edited ? update.getEditedMessage() : update.getMessage();
        Chat chat = message.getChat();
        User from = message.getFrom();
        if (from == null) {
            return new Reading.Skip("no author"); // anonymous admins and channels speaking in groups
        }
        boolean privateChat = "private".equals(chat.getType());
        if (message.getText() == null) {
            if (edited) {
                return new Reading.Skip("an edited caption or media"); // nothing the bot read changed
            }
            if (message.getNewChatMembers() != null && !message.getNewChatMembers().isEmpty()
                    || message.getLeftChatMember() != null) {
                return new Reading.Skip("a service message");
            }
            return new Reading.NonText(chat.getId(), message.getMessageId(), privateChat);
        }
        String text = message.getText();
        List<MessageEntity> entities = message.getEntities() == null ? List.of() : message.getEntities();
        boolean mentioned = false;
        boolean commandForUs = false;
        List<int[]> cuts = new ArrayList<>(); // [start, end) ranges of the text to drop
        for (MessageEntity entity : entities) {
            int start = entity.getOffset();
            int end = Math.min(text.length(), start + entity.getLength());
            if (start < 0 || start >= end) {
                continue;
            }
            String part = text.substring(start, end);
            if ("mention".equals(entity.getType()) && part.substring(1).toLowerCase(Locale.ROOT).equals(botUsername)) {
                mentioned = true;
                cuts.add(new int[] {start, end});
            } else if ("bot_command".equals(entity.getType()) && start == 0) {
                int at = part.indexOf('@');
                if (at >= 0) {
                    if (!part.substring(at + 1).toLowerCase(Locale.ROOT).equals(botUsername)) {
                        return new Reading.Skip("a command for another bot");
                    }
                    cuts.add(new int[] {at, end});
                }
                // a bare "/help" in a group is for every bot there, as Telegram's clients treat it
                commandForUs = true;
            }
        }
        Message replied = message.getReplyToMessage();
        boolean replyToBot = replied != null && replied.getFrom() != null && replied.getFrom().getId() == botId;
        boolean group = "group".equals(chat.getType()) || "supergroup".equals(chat.getType());
        Integer thread = Boolean.TRUE.equals(message.getIsTopicMessage()) ? message.getMessageThreadId() : null;
        return new Reading.Text(chat.getId(), group, message.getMessageId(), from.getId(), displayName(from),
                Boolean.TRUE.equals(from.getIsBot()), without(text, cuts),
                replied == null ? null : replied.getMessageId(), privateChat || mentioned || replyToBot || commandForUs,
                privateChat, thread, Instant.ofEpochSecond(message.getDate()), edited);
    }

    private static String displayName(User user) {
        return user.getUserName() != null ? "@" + user.getUserName() : user.getFirstName();
    }

    /** {@code text} without the cut ranges, spaces tidied where they were. */
    private static String without(String text, List<int[]> cuts) {
        if (cuts.isEmpty()) {
            return text.strip();
        }
        cuts.sort(Comparator.comparingInt(c -> c[0]));
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int[] cut : cuts) {
            if (cut[0] < at) {
                continue;
            }
            out.append(text, at, cut[0]);
            at = cut[1];
        }
        out.append(text.substring(at));
        return out.toString().replaceAll("[ \\t]{2,}", " ").strip();
    }
}
