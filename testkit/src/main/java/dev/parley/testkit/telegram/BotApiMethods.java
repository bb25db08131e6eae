package dev.parley.testkit.telegram;

import static dev.parley.testkit.telegram.BotApiCall.error;
import static dev.parley.testkit.telegram.BotApiCall.ok;

import dev.parley.testkit.telegram.BotApiCall.BadRequest;
import dev.parley.testkit.telegram.BotApiCall.Reply;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Which part of the fake answers a Bot API method, and the 429 Too Many Requests a test injected
 * for the next calls of a method ({@link FakeTelegramServer#failNext}). Shares the server's lock.
 */
final class BotApiMethods {

    private record Failure(int remaining, int retryAfterSeconds) {}

    private final ReentrantLock lock;
    private final UpdateFeed updates;
    private final BotApiChats chats;
    private final InlineKeyboards keyboards;
    private final BotApiDocuments documents;
    private final MessageReactions reactions;
    private final Map<String, Failure> failures = new HashMap<>(); // guarded by lock

    BotApiMethods(ReentrantLock lock, UpdateFeed updates, BotApiChats chats, InlineKeyboards keyboards,
            BotApiDocuments documents, MessageReactions reactions) {
        this.lock = lock;
        this.updates = updates;
        this.chats = chats;
        this.keyboards = keyboards;
        this.documents = documents;
        this.reactions = reactions;
    }

    /** The next {@code count} calls of {@code method} (lower case) get 429 with {@code retry_after}. */
    void failNext(String method, int count, int retryAfterSeconds) {
        lock.lock();
        try {
            failures.put(method, new Failure(count, retryAfterSeconds));
        } finally {
            lock.unlock();
        }
    }

    Reply dispatch(String method, Map<String, @Nullable Object> params) {
        Failure failure = takeFailure(method);
        if (failure != null) {
            Map<String, Object> body = error(429, "Too Many Requests: retry after " + failure.retryAfterSeconds());
            body.put("parameters", Map.of("retry_after", failure.retryAfterSeconds()));
            return new Reply(429, body);
        }
        try {
            return switch (method) {
                case "getme" -> ok(chats.getMe());
                case "setwebhook" -> {
                    allowedUpdates(params);
                    yield updates.setWebhook(params);
                }
                case "deletewebhook" -> updates.deleteWebhook();
                case "getupdates" -> {
                    allowedUpdates(params);
                    yield updates.getUpdates(params);
                }
                case "sendmessage" -> keyboards.shown(chats.sendMessage(params), params);
                case "editmessagetext" -> keyboards.shown(chats.editMessageText(params), params);
                case "editmessagereplymarkup" -> keyboards.editReplyMarkup(params);
                case "answercallbackquery" -> keyboards.answerCallbackQuery(params);
                case "senddocument" -> documents.sendDocument(params);
                case "deletemessage" -> chats.deleteMessage(params);
                case "sendchataction" -> ok(true);
                case "getchatmember" -> ok(chats.chatMember(params));
                case "getchat" -> ok(chats.chat(params));
                case "leavechat" -> chats.leaveChat(params);
                case "setmycommands" -> chats.setMyCommands(params);
                default -> new Reply(404, error(404, "Not Found: method " + method));
            };
        } catch (BadRequest e) {
            return new Reply(400, error(400, "Bad Request: " + e.getMessage()));
        }
    }

    private void allowedUpdates(Map<String, @Nullable Object> params) {
        lock.lock();
        try {
            reactions.allowedUpdates(params);
        } finally {
            lock.unlock();
        }
    }

    private @Nullable Failure takeFailure(String method) {
        lock.lock();
        try {
            Failure failure = failures.get(method);
            if (failure == null) {
                return null;
            }
            if (failure.remaining() <= 1) {
                failures.remove(method);
            } else {
                failures.put(method, new Failure(failure.remaining() - 1, failure.retryAfterSeconds()));
            }
            return failure;
        } finally {
            lock.unlock();
        }
    }
}
