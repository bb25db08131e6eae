package dev.parley.testkit.telegram;

import static dev.parley.testkit.telegram.BotApiCall.answer;
import static dev.parley.testkit.telegram.BotApiCall.error;
import static dev.parley.testkit.telegram.BotApiCall.ok;
import static dev.parley.testkit.telegram.BotApiCall.params;
import static dev.parley.testkit.telegram.MessageText.putText;
import static dev.parley.testkit.telegram.MessageText.withoutReply;


import dev.parley.testkit.telegram.BotApiCall.BadRequest;
import dev.parley.testkit.telegram.BotApiCall.Reply;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Telegram Bot API server on an ephemeral port of 127.0.0.1, faithful enough for the real
 * TelegramBots client: {@code /bot<token>/<method>} with method names matched case-insensitively,
 * JSON, form or query parameters, {@code "ok"} in every answer, dates in seconds.
 *
 * <p>It serves {@code getMe}, {@code deleteWebhook}, {@code getUpdates} (a real long poll that
 * answers as soon as an update is queued or after {@code timeout}; updates below {@code offset}
 * are confirmed and dropped, the others are sent again; a second poll ends the waiting one with
 * 409 as Telegram does), {@code sendMessage}, {@code editMessageText}, {@code deleteMessage},
 * {@code sendChatAction}, {@code getChatMember}, {@code getChat} and {@code setMyCommands}, and for
 * inline keyboards {@code editMessageReplyMarkup} and {@code answerCallbackQuery} (a test presses a
 * button with {@link #userPresses}), and {@code sendDocument} (multipart; 403 to a private chat the
 * user never opened with the bot).
 * After {@code setWebhook} it posts each update to the webhook instead (with the secret token
 * header), oldest first, until the webhook answers 2xx, and refuses {@code getUpdates} with 409.
 *
 * <p>Tests play the users ({@link #userSends}, {@link #userReplies}, {@link #userEdits}...), set
 * members' statuses, inject 429 answers with {@link #failNext}, read every request and the bot's
 * messages as the chat shows them, and wait for what they expect with the {@code await} methods,
 * which wake on every change instead of sleeping.
 */
public final class FakeTelegramServer implements AutoCloseable {

    /** Telegram's limit on a message's text. */
    public static final int MAX_MESSAGE_LENGTH = 4096;

    private static final Pattern PATH = Pattern.compile("^/bot([^/]+)/([A-Za-z]+)/?$");

    private final String token;
    private final TelegramUser bot;
    private final InstantSource clock;
    private final HttpServer http;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final UpdateFeed updates = new UpdateFeed(lock, changed);
    private final BotApiChats chats;
    private final InlineKeyboards keyboards;
    private final BotApiDocuments documents;
    private final MessageReactions reactions = new MessageReactions();
    private final BotApiMethods methods;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private boolean closed;

    private FakeTelegramServer(String token, TelegramUser bot, InstantSource clock) throws IOException {
        this.token = token;
        this.bot = bot;
        this.clock = clock;
        this.chats = new BotApiChats(lock, bot, clock);
        this.keyboards = new InlineKeyboards(lock, chats, updates);
        this.documents = new BotApiDocuments(lock, chats, bot);
        this.methods = new BotApiMethods(lock, updates, chats, keyboards, documents, reactions);
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(handlers);
        http.createContext("/", this::handle);
        http.start();
    }

    /** Starts a server for the bot {@code bot}, which answers only to {@code token}. */
    public static FakeTelegramServer start(String token, TelegramUser bot) {
        return start(token, bot, InstantSource.system());
    }

    /** Starts a server whose message dates and request times come from {@code clock}. */
    public static FakeTelegramServer start(String token, TelegramUser bot, InstantSource clock) {
        if (!bot.bot()) {
            throw new IllegalArgumentException("the server's bot must be a bot account");
        }
        try {
            return new FakeTelegramServer(token, bot, clock);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake Telegram server", e);
        }
    }

    /** {@code http://127.0.0.1:port}: the API's base; calls go to {@code /bot<token>/<method>} under it. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public TelegramUser bot() {
        return bot;
    }

    // ---- the test plays the users ----

    /** {@code from} writes {@code text} in {@code chat}; mentions and commands become entities, as Telegram does. */
    public Posted userSends(TelegramChat chat, TelegramUser from, String text) {
        return post(chat, from, message -> putText(message, text), null, "message");
    }

    /** {@code from} answers the message {@code replyTo} of {@code chat} (a user's or the bot's). */
    public Posted userReplies(TelegramChat chat, TelegramUser from, long replyTo, String text) {
        return post(chat, from, message -> putText(message, text), replyTo, "message");
    }

    /** {@code from} sends a sticker: a message without text. */
    public Posted userSendsSticker(TelegramChat chat, TelegramUser from) {
        return post(chat, from, message -> message.put("sticker", Map.of("file_id", "sticker-file",
                "file_unique_id", "sticker-unique", "type", "regular", "width", 512, "height", 512,
                "is_animated", false, "is_video", false)), null, "message");
    }

    /** {@code from} sends a photo, with a caption or none: a message without text. */
    public Posted userSendsPhoto(TelegramChat chat, TelegramUser from, @Nullable String caption) {
        return post(chat, from, message -> {
            message.put("photo", List.of(Map.of("file_id", "photo-file", "file_unique_id", "photo-unique",
                    "width", 90, "height", 90)));
            if (caption != null) {
                message.put("caption", caption);
            }
        }, null, "message");
    }

    /** {@code from} forwards into {@code chat} a message {@code originalSender} wrote. */
    public Posted userForwards(TelegramChat chat, TelegramUser from, TelegramUser originalSender, String text) {
        return post(chat, from, message -> {
            putText(message, text);
            message.put("forward_origin", Map.of("type", "user", "date", chats.seconds(),
                    "sender_user", originalSender.json()));
        }, null, "message");
    }

    /** A post in a channel: it has a {@code sender_chat} and no {@code from}. */
    public Posted channelPosts(TelegramChat channel, String text) {
        return post(channel, null, message -> {
            putText(message, text);
            message.put("sender_chat", channel.json());
        }, null, "channel_post");
    }

    /** The author of {@code original} edits it to {@code newText}: an {@code edited_message} update. */
    public Posted userEdits(Posted original, String newText) {
        lock.lock();
        try {
            Map<String, Object> message = chats.message(original.chatId(), original.messageId());
            if (message == null) {
                throw new IllegalArgumentException("no message " + original.messageId() + " in chat " + original.chatId());
            }
            Map<String, Object> edited = new LinkedHashMap<>(message);
            edited.remove("entities");
            putText(edited, newText);
            edited.put("edit_date", chats.seconds());
            chats.store(original.chatId(), edited);
            return queue("edited_message", edited, original.chatId(), original.messageId());
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code from} changes their reactions on message {@code messageId} of {@code chat} from
     * {@code before} to {@code after} (emoji, e.g. "👍"): a {@code message_reaction} update, sent as
     * Telegram sends it only if the bot asked for it in {@code allowed_updates} and, in a group, is
     * an administrator there ({@link #setMemberStatus}). Whether it was sent.
     */
    public boolean userReacts(TelegramChat chat, TelegramUser from, long messageId, List<String> before,
            List<String> after) {
        lock.lock();
        try {
            if (!reactions.sent(chat, chats.memberStatus(chat.id(), bot.id()))) {
                return false;
            }
            updates.add(MessageReactions.kind(), MessageReactions.payload(chat, from, messageId, chats.seconds(),
                    before, after));
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The bot is in {@code chat} (without anyone having written there yet): {@code getChat} finds it. */
    public void botIsIn(TelegramChat chat) {
        lock.lock();
        try {
            chats.remember(chat);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code by} adds the bot to group {@code chat}: a {@code my_chat_member} update whose bot goes
     * from {@code left} to {@code member}, as Telegram sends it.
     */
    public long botAddedTo(TelegramChat chat, TelegramUser by) {
        lock.lock();
        try {
            chats.remember(chat);
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("chat", chat.json());
            change.put("from", by.json());
            change.put("date", chats.seconds());
            change.put("old_chat_member", Map.of("status", "left", "user", bot.json()));
            change.put("new_chat_member", Map.of("status", "member", "user", bot.json()));
            return queue("my_chat_member", change, chat.id(), 0).updateId();
        } finally {
            lock.unlock();
        }
    }

    /** The chats the bot left with {@code leaveChat}, in order. */
    public List<Long> leftChats() {
        return chats.leftChats();
    }

    /** {@code user}'s status in {@code chatId} as {@code getChatMember} reports it: creator, administrator, member... */
    public void setMemberStatus(long chatId, long userId, String status) {
        chats.setMemberStatus(chatId, userId, status);
    }

    /**
     * The next {@code count} calls of {@code method} get 429 Too Many Requests with
     * {@code retry_after} {@code retryAfterSeconds}, and do nothing else.
     */
    public void failNext(String method, int count, int retryAfterSeconds) {
        methods.failNext(method.toLowerCase(Locale.ROOT), count, retryAfterSeconds);
    }

    /**
     * {@code from} presses the inline button whose callback data is {@code data} under the bot's
     * message {@code messageId} of {@code chat}: a {@code callback_query} update, as Telegram sends
     * it. Its id is returned; the bot's answer to it is in {@link #callbackAnswers()}.
     */
    public String userPresses(TelegramChat chat, TelegramUser from, long messageId, String data) {
        return keyboards.press(chat, from, messageId, data);
    }

    /** The inline buttons under the bot's message {@code messageId} of {@code chatId} now; empty when none. */
    public List<InlineButton> inlineButtons(long chatId, long messageId) {
        return keyboards.of(chatId, messageId);
    }

    /** The texts the bot answered button presses with ({@code answerCallbackQuery}), as {@code <query id>: <text>}, in order. */
    public List<String> callbackAnswers() {
        return keyboards.answers();
    }

    // ---- what the bot did ----

    /** Every call answered so far, in order. */
    public List<RecordedRequest> requests() {
        lock.lock();
        try {
            return List.copyOf(requests);
        } finally {
            lock.unlock();
        }
    }

    /** The calls of {@code method} answered so far, in order. */
    public List<RecordedRequest> requests(String method) {
        return requests().stream().filter(r -> r.is(method)).toList();
    }

    /** The bot's messages in {@code chatId} as the chat shows them now, oldest first; deleted ones included. */
    public List<BotMessage> botMessages(long chatId) {
        return chats.botMessages(chatId);
    }

    /** The files the bot sent to {@code chatId} with {@code sendDocument}, oldest first. */
    public List<BotDocument> documents(long chatId) {
        lock.lock();
        try {
            return documents.sentTo(chatId);
        } finally {
            lock.unlock();
        }
    }

    /** Every file the bot sent with {@code sendDocument}, in any chat, oldest first. */
    public List<BotDocument> documents() {
        lock.lock();
        try {
            return documents.all();
        } finally {
            lock.unlock();
        }
    }

    /** The bot's messages in {@code chatId} that answer {@code messageId} and are not deleted. */
    public List<BotMessage> repliesTo(long chatId, long messageId) {
        return botMessages(chatId).stream()
                .filter(m -> !m.deleted() && m.replyTo() != null && m.replyTo() == messageId).toList();
    }

    /**
     * The commands set with {@code setMyCommands}, by scope: {@code default}, {@code all_private_chats},
     * {@code all_group_chats}, {@code all_chat_administrators}, or {@code chat:<id>} and the like.
     */
    public Map<String, List<String>> commands() {
        return chats.commands();
    }

    /** Ids of the updates not yet confirmed by a {@code getUpdates} offset above them. */
    public List<Long> unconfirmedUpdates() {
        lock.lock();
        try {
            return updates.unconfirmedIds();
        } finally {
            lock.unlock();
        }
    }

    // ---- waiting without sleeping ----

    /** Waits until {@code condition} holds, re-checking on every change of the server; fails after {@code timeout}. */
    public void await(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + what
                            + "; calls seen: " + requests.stream().map(RecordedRequest::method).toList());
                }
                changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        } finally {
            lock.unlock();
        }
    }

    /** The first call matching {@code match}, answered already or within {@code timeout}. */
    public RecordedRequest awaitRequest(Predicate<RecordedRequest> match, Duration timeout) {
        return awaitRequests(match, 1, timeout).getFirst();
    }

    /** The first {@code count} calls matching {@code match}, waiting up to {@code timeout} for them. */
    public List<RecordedRequest> awaitRequests(Predicate<RecordedRequest> match, int count, Duration timeout) {
        await(count + " matching call(s)", () -> requests.stream().filter(match).count() >= count, timeout);
        return requests().stream().filter(match).limit(count).toList();
    }

    /** Waits until a {@code getUpdates} long poll is waiting for updates. */
    public void awaitPolling(Duration timeout) {
        await("a waiting getUpdates", updates::polling, timeout);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            updates.close();
        } finally {
            lock.unlock();
        }
        http.stop(0);
        handlers.shutdownNow();
    }

    // ---- the HTTP side ----

    private void handle(HttpExchange exchange) throws IOException {
        Instant receivedAt = clock.instant();
        try (exchange) {
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!path.matches()) {
                answer(exchange, 404, error(404, "Not Found"));
                return;
            }
            String method = path.group(2).toLowerCase(Locale.ROOT);
            Map<String, @Nullable Object> params;
            try {
                params = params(exchange);
            } catch (IllegalArgumentException e) {
                recordRequest(method, Map.of(), 400, receivedAt);
                answer(exchange, 400, error(400, "Bad Request: " + e.getMessage()));
                return;
            }
            Reply reply;
            try {
                reply = path.group(1).equals(token) ? methods.dispatch(method, params) : new Reply(401, error(401, "Unauthorized"));
            } catch (RuntimeException e) {
                // a bug in the fake: say so loudly rather than hang up on the client
                e.printStackTrace();
                reply = new Reply(500, error(500, "Internal Server Error: fake server failed: " + e));
            }
            recordRequest(method, params, reply.status(), receivedAt);
            answer(exchange, reply.status(), reply.body());
        }
    }

    /** Every attempt to post an update to the webhook, in order. */
    public List<WebhookDelivery> webhookDeliveries() {
        return updates.deliveries();
    }

    /** The webhook set with {@code setWebhook}, or null while updates are fetched with {@code getUpdates}. */
    public @Nullable URI webhookUrl() {
        return updates.webhookUrl();
    }

    // ---- building messages and updates ----

    private interface Filler {
        void fill(Map<String, Object> message);
    }

    private Posted post(TelegramChat chat, @Nullable TelegramUser from, Filler filler, @Nullable Long replyTo,
            String kind) {
        lock.lock();
        try {
            chats.remember(chat);
            Map<String, Object> message = chats.newMessage(chat.id(), chat.json(), from == null ? null : from.json());
            filler.fill(message);
            if (replyTo != null) {
                Map<String, Object> original = chats.message(chat.id(), replyTo);
                if (original == null) {
                    throw new IllegalArgumentException("no message " + replyTo + " in chat " + chat.id());
                }
                message.put("reply_to_message", withoutReply(original));
            }
            chats.store(chat.id(), message);
            return queue(kind, message, chat.id(), (Long) message.get("message_id"));
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private Posted queue(String kind, Map<String, Object> message, long chatId, long messageId) {
        return new Posted(updates.add(kind, message), chatId, messageId);
    }

    // ---- answers ----

    private void recordRequest(String method, Map<String, @Nullable Object> params, int status, Instant receivedAt) {
        lock.lock();
        try {
            requests.add(new RecordedRequest(requests.size() + 1, method, java.util.Collections.unmodifiableMap(
                    new LinkedHashMap<>(params)), status, receivedAt));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
