package dev.parley.testkit.telegram;

import static dev.parley.testkit.telegram.BotApiCall.checkedText;
import static dev.parley.testkit.telegram.BotApiCall.ok;
import static dev.parley.testkit.telegram.BotApiCall.replyTo;
import static dev.parley.testkit.telegram.BotApiCall.required;
import static dev.parley.testkit.telegram.MessageText.withoutReply;

import dev.parley.testkit.json.Json;
import dev.parley.testkit.telegram.BotApiCall.BadRequest;
import dev.parley.testkit.telegram.BotApiCall.Reply;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The chats as the fake Bot API keeps them, and what the bot's calls do to them: every message by
 * chat and id, the bot's messages as the chat shows them (edited, deleted), members' statuses, the
 * chats the bot is in or left, and the commands it set. Guarded by the server's lock.
 */
final class BotApiChats {

    private final ReentrantLock lock;
    private final TelegramUser bot;
    private final InstantSource clock;
    private final Map<Long, Map<Long, Map<String, Object>>> messages = new HashMap<>();
    private final Map<Long, Long> lastMessageId = new HashMap<>();
    private final Map<Long, LinkedHashMap<Long, BotMessage>> botMessages = new HashMap<>();
    private final Map<String, String> memberStatus = new HashMap<>();
    private final Map<Long, TelegramChat> chats = new HashMap<>();
    private final Map<String, List<String>> commands = new LinkedHashMap<>();
    private final List<Long> leftChats = new ArrayList<>();

    BotApiChats(ReentrantLock lock, TelegramUser bot, InstantSource clock) {
        this.lock = lock;
        this.bot = bot;
        this.clock = clock;
    }

    // ---- what the test arranges and reads ----

    /** Under the lock: the bot is in {@code chat}, so {@code getChat} finds it. */
    void remember(TelegramChat chat) {
        chats.put(chat.id(), chat);
    }

    /** Under the lock: whether the bot is in {@code chatId} (a private chat: the user wrote to it there). */
    boolean knows(long chatId) {
        return chats.containsKey(chatId);
    }

    /** Under the lock: message {@code messageId} of {@code chatId}, or null. */
    @Nullable Map<String, Object> message(long chatId, long messageId) {
        return messages.getOrDefault(chatId, Map.of()).get(messageId);
    }

    /** Under the lock: {@code userId}'s status in {@code chatId}, "member" unless set. */
    String memberStatus(long chatId, long userId) {
        return memberStatus.getOrDefault(chatId + ":" + userId, "member");
    }

    void setMemberStatus(long chatId, long userId, String status) {
        lock.lock();
        try {
            memberStatus.put(chatId + ":" + userId, status);
        } finally {
            lock.unlock();
        }
    }

    List<Long> leftChats() {
        lock.lock();
        try {
            return List.copyOf(leftChats);
        } finally {
            lock.unlock();
        }
    }

    List<BotMessage> botMessages(long chatId) {
        lock.lock();
        try {
            return List.copyOf(botMessages.getOrDefault(chatId, new LinkedHashMap<>()).values());
        } finally {
            lock.unlock();
        }
    }

    Map<String, List<String>> commands() {
        lock.lock();
        try {
            return Map.copyOf(commands);
        } finally {
            lock.unlock();
        }
    }

    // ---- the bot's calls ----

    Map<String, Object> getMe() {
        Map<String, Object> me = bot.json();
        me.put("can_join_groups", true);
        me.put("can_read_all_group_messages", false);
        me.put("supports_inline_queries", false);
        return me;
    }

    Reply sendMessage(Map<String, @Nullable Object> params) {
        long chatId = required(params, "chat_id");
        String text = checkedText(params);
        Long replyTo = replyTo(params);
        lock.lock();
        try {
            Map<String, Object> chat = chatOf(chatId);
            Map<String, Object> message = newMessage(chatId, chat, bot.json());
            message.put("text", text);
            if (replyTo != null) {
                Map<String, Object> original = messages.getOrDefault(chatId, Map.of()).get(replyTo);
                if (original == null) {
                    throw new BadRequest("message to be replied not found");
                }
                message.put("reply_to_message", withoutReply(original));
            }
            store(chatId, message);
            long id = (Long) message.get("message_id");
            botMessages.computeIfAbsent(chatId, c -> new LinkedHashMap<>())
                    .put(id, new BotMessage(chatId, id, text, replyTo, 0, false));
            return ok(message);
        } finally {
            lock.unlock();
        }
    }

    Reply editMessageText(Map<String, @Nullable Object> params) {
        long chatId = required(params, "chat_id");
        long messageId = required(params, "message_id");
        String text = checkedText(params);
        lock.lock();
        try {
            BotMessage shown = shownBotMessage(chatId, messageId, "edit");
            if (shown.text().equals(text)) {
                throw new BadRequest("message is not modified: specified new message content and reply markup are"
                        + " exactly the same as a current content and reply markup of the message");
            }
            botMessages.get(chatId).put(messageId, new BotMessage(chatId, messageId, text, shown.replyTo(),
                    shown.edits() + 1, false));
            Map<String, Object> message = new LinkedHashMap<>(messages.get(chatId).get(messageId));
            message.put("text", text);
            message.put("edit_date", seconds());
            messages.get(chatId).put(messageId, message);
            return ok(message);
        } finally {
            lock.unlock();
        }
    }

    Reply leaveChat(Map<String, @Nullable Object> params) {
        long chatId = required(params, "chat_id");
        lock.lock();
        try {
            leftChats.add(chatId);
            chats.remove(chatId);
            return ok(true);
        } finally {
            lock.unlock();
        }
    }

    Reply deleteMessage(Map<String, @Nullable Object> params) {
        long chatId = required(params, "chat_id");
        long messageId = required(params, "message_id");
        lock.lock();
        try {
            BotMessage shown = shownBotMessage(chatId, messageId, "delete");
            botMessages.get(chatId).put(messageId, new BotMessage(chatId, messageId, shown.text(), shown.replyTo(),
                    shown.edits(), true));
            return ok(true);
        } finally {
            lock.unlock();
        }
    }

    /** The bot's message {@code messageId} as the chat shows it now; a BadRequest as Telegram's when it is gone. Under the lock. */
    private BotMessage shownBotMessage(long chatId, long messageId, String toDo) {
        BotMessage shown = botMessages.getOrDefault(chatId, new LinkedHashMap<>()).get(messageId);
        if (shown == null || shown.deleted()) {
            throw new BadRequest("message to " + toDo + " not found");
        }
        return shown;
    }

    /** {@code getChat}: by id, or by {@code @username}; only chats the bot is in or has seen a message of. */
    Map<String, Object> chat(Map<String, @Nullable Object> params) {
        Object wanted = params.get("chat_id");
        if (wanted == null) {
            throw new BadRequest("chat_id is required");
        }
        String key = String.valueOf(wanted);
        TelegramChat found;
        lock.lock();
        try {
            found = chats.values().stream().filter(chat -> key.startsWith("@")
                    ? chat.username() != null && chat.username().equalsIgnoreCase(key.substring(1))
                    : key.equals(String.valueOf(chat.id()))).findFirst().orElse(null);
        } finally {
            lock.unlock();
        }
        if (found == null) {
            throw new BadRequest("chat not found");
        }
        Map<String, Object> json = found.json();
        json.put("accent_color_id", 0);
        json.put("max_reaction_count", 11);
        json.put("accepted_gift_types", Map.of("unlimited_gifts", false, "limited_gifts", false,
                "unique_gifts", false, "premium_subscription", false));
        return json;
    }

    Map<String, Object> chatMember(Map<String, @Nullable Object> params) {
        long chatId = required(params, "chat_id");
        long userId = required(params, "user_id");
        String status;
        lock.lock();
        try {
            status = memberStatus.getOrDefault(chatId + ":" + userId, "member");
        } finally {
            lock.unlock();
        }
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("status", status);
        member.put("user", new TelegramUser(userId, "User " + userId, null, false).json());
        member.put("is_anonymous", false);
        if (status.equals("administrator")) {
            for (String right : List.of("can_be_edited", "can_manage_chat", "can_delete_messages",
                    "can_manage_video_chats", "can_restrict_members", "can_promote_members", "can_change_info",
                    "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories",
                    "can_pin_messages", "can_manage_topics")) {
                member.put(right, !right.equals("can_be_edited"));
            }
        }
        return member;
    }

    Reply setMyCommands(Map<String, @Nullable Object> params) {
        Object list = params.get("commands");
        if (list instanceof String json) {
            list = Json.parse(json);
        }
        if (!(list instanceof List<?> entries)) {
            throw new BadRequest("commands must be an array");
        }
        List<String> names = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> command) || !(command.get("command") instanceof String name)
                    || !(command.get("description") instanceof String description) || description.isBlank()) {
                throw new BadRequest("each command needs a command and a description");
            }
            names.add(name);
        }
        Object scope = params.get("scope");
        if (scope instanceof String json) {
            scope = Json.parse(json);
        }
        String key = "default";
        if (scope instanceof Map<?, ?> s) {
            key = String.valueOf(s.get("type"));
            if (s.get("chat_id") != null) {
                key = key + ":" + s.get("chat_id");
            }
        }
        lock.lock();
        try {
            commands.put(key, List.copyOf(names));
            return ok(true);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: a new message of {@code chatId}, numbered next in that chat. */
    Map<String, Object> newMessage(long chatId, Map<String, Object> chat, @Nullable Map<String, Object> from) {
        long id = lastMessageId.merge(chatId, 1L, Long::sum);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", id);
        if (from != null) {
            message.put("from", from);
        }
        message.put("chat", chat);
        message.put("date", seconds());
        return message;
    }

    /** Under the lock: keeps {@code message} (a new one, or a new version of one) so replies and edits find it. */
    void store(long chatId, Map<String, Object> message) {
        messages.computeIfAbsent(chatId, c -> new HashMap<>()).put((Long) message.get("message_id"), message);
    }

    /** Under the lock: the chat as earlier messages showed it, or a private chat for a positive id. */
    Map<String, Object> chatOf(long chatId) {
        Map<Long, Map<String, Object>> inChat = messages.get(chatId);
        if (inChat != null && !inChat.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> chat = (Map<String, Object>) inChat.values().iterator().next().get("chat");
            return chat;
        }
        return new TelegramChat(chatId, chatId > 0 ? "private" : "group", chatId > 0 ? null : "Group " + chatId).json();
    }

    long seconds() {
        return clock.instant().getEpochSecond();
    }
}
