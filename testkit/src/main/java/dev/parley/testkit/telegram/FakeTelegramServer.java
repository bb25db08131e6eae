package dev.parley.testkit.telegram;

import dev.parley.testkit.json.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
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
 * {@code sendChatAction}, {@code getChatMember}, {@code getChat} and {@code setMyCommands}.
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
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z][A-Za-z0-9_]{3,31})");
    private static final Pattern COMMAND = Pattern.compile("(?<!\\S)/[A-Za-z0-9_]{1,32}(@[A-Za-z][A-Za-z0-9_]{3,31})?");
    private static final long FIRST_UPDATE_ID = 500_001;
    /** How long the fake waits before posting an update again after the webhook failed. */
    private static final Duration WEBHOOK_RETRY = Duration.ofMillis(200);

    private final String token;
    private final TelegramUser bot;
    private final InstantSource clock;
    private final HttpServer http;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Map<String, Object>> unconfirmed = new ArrayDeque<>();
    private final Map<Long, Map<Long, Map<String, Object>>> messages = new HashMap<>();
    private final Map<Long, Long> lastMessageId = new HashMap<>();
    private final Map<Long, LinkedHashMap<Long, BotMessage>> botMessages = new HashMap<>();
    private final Map<String, String> memberStatus = new HashMap<>();
    private final Map<Long, TelegramChat> chats = new HashMap<>();
    private final List<WebhookDelivery> deliveries = new ArrayList<>();
    private @Nullable URI webhookUrl;
    private @Nullable String webhookSecret;
    private @Nullable Thread webhookSender;
    private final Map<String, List<String>> commands = new LinkedHashMap<>();
    private final Map<String, Failure> failures = new HashMap<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<Long> leftChats = new ArrayList<>();
    private long nextUpdateId = FIRST_UPDATE_ID;
    private long pollGeneration;
    private int waitingPolls;
    private boolean closed;

    private record Failure(int remaining, int retryAfterSeconds) {}

    private FakeTelegramServer(String token, TelegramUser bot, InstantSource clock) throws IOException {
        this.token = token;
        this.bot = bot;
        this.clock = clock;
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
            message.put("forward_origin", Map.of("type", "user", "date", seconds(),
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
            Map<String, Object> message = messages.getOrDefault(original.chatId(), Map.of()).get(original.messageId());
            if (message == null) {
                throw new IllegalArgumentException("no message " + original.messageId() + " in chat " + original.chatId());
            }
            Map<String, Object> edited = new LinkedHashMap<>(message);
            edited.remove("entities");
            putText(edited, newText);
            edited.put("edit_date", seconds());
            messages.get(original.chatId()).put(original.messageId(), edited);
            return queue("edited_message", edited, original.chatId(), original.messageId());
        } finally {
            lock.unlock();
        }
    }

    /** The bot is in {@code chat} (without anyone having written there yet): {@code getChat} finds it. */
    public void botIsIn(TelegramChat chat) {
        lock.lock();
        try {
            chats.put(chat.id(), chat);
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
            chats.put(chat.id(), chat);
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("chat", chat.json());
            change.put("from", by.json());
            change.put("date", seconds());
            change.put("old_chat_member", Map.of("status", "left", "user", bot.json()));
            change.put("new_chat_member", Map.of("status", "member", "user", bot.json()));
            return queue("my_chat_member", change, chat.id(), 0).updateId();
        } finally {
            lock.unlock();
        }
    }

    /** The chats the bot left with {@code leaveChat}, in order. */
    public List<Long> leftChats() {
        lock.lock();
        try {
            return List.copyOf(leftChats);
        } finally {
            lock.unlock();
        }
    }

    /** {@code user}'s status in {@code chatId} as {@code getChatMember} reports it: creator, administrator, member... */
    public void setMemberStatus(long chatId, long userId, String status) {
        lock.lock();
        try {
            memberStatus.put(chatId + ":" + userId, status);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next {@code count} calls of {@code method} get 429 Too Many Requests with
     * {@code retry_after} {@code retryAfterSeconds}, and do nothing else.
     */
    public void failNext(String method, int count, int retryAfterSeconds) {
        lock.lock();
        try {
            failures.put(method.toLowerCase(Locale.ROOT), new Failure(count, retryAfterSeconds));
        } finally {
            lock.unlock();
        }
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
        lock.lock();
        try {
            return List.copyOf(botMessages.getOrDefault(chatId, new LinkedHashMap<>()).values());
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
        lock.lock();
        try {
            return Map.copyOf(commands);
        } finally {
            lock.unlock();
        }
    }

    /** Ids of the updates not yet confirmed by a {@code getUpdates} offset above them. */
    public List<Long> unconfirmedUpdates() {
        lock.lock();
        try {
            return unconfirmed.stream().map(u -> (Long) u.get("update_id")).toList();
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
        await("a waiting getUpdates", () -> waitingPolls > 0, timeout);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            changed.signalAll();
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
                reply = path.group(1).equals(token) ? dispatch(method, params) : new Reply(401, error(401, "Unauthorized"));
            } catch (RuntimeException e) {
                // a bug in the fake: say so loudly rather than hang up on the client
                e.printStackTrace();
                reply = new Reply(500, error(500, "Internal Server Error: fake server failed: " + e));
            }
            recordRequest(method, params, reply.status(), receivedAt);
            answer(exchange, reply.status(), reply.body());
        }
    }

    private record Reply(int status, Map<String, Object> body) {}

    private Reply dispatch(String method, Map<String, @Nullable Object> params) {
        Failure failure = takeFailure(method);
        if (failure != null) {
            Map<String, Object> body = error(429, "Too Many Requests: retry after " + failure.retryAfterSeconds());
            body.put("parameters", Map.of("retry_after", failure.retryAfterSeconds()));
            return new Reply(429, body);
        }
        try {
            return switch (method) {
                case "getme" -> ok(getMe());
                case "setwebhook" -> setWebhook(params);
                case "deletewebhook" -> deleteWebhook();
                case "getupdates" -> webhookSet() ? new Reply(409, error(409,
                        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"))
                        : getUpdates(params);
                case "sendmessage" -> sendMessage(params);
                case "editmessagetext" -> editMessageText(params);
                case "deletemessage" -> deleteMessage(params);
                case "sendchataction" -> ok(true);
                case "getchatmember" -> ok(chatMember(params));
                case "getchat" -> ok(chat(params));
                case "leavechat" -> leaveChat(params);
                case "setmycommands" -> setMyCommands(params);
                default -> new Reply(404, error(404, "Not Found: method " + method));
            };
        } catch (BadRequest e) {
            return new Reply(400, error(400, "Bad Request: " + e.getMessage()));
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

    private Map<String, Object> getMe() {
        Map<String, Object> me = bot.json();
        me.put("can_join_groups", true);
        me.put("can_read_all_group_messages", false);
        me.put("supports_inline_queries", false);
        return me;
    }

    private boolean webhookSet() {
        lock.lock();
        try {
            return webhookUrl != null;
        } finally {
            lock.unlock();
        }
    }

    /** {@code setWebhook}: from now on, updates are posted to {@code url}, one at a time, in order. */
    private Reply setWebhook(Map<String, @Nullable Object> params) {
        Object url = params.get("url");
        if (url == null || String.valueOf(url).isBlank()) {
            return deleteWebhook();
        }
        URI target;
        try {
            target = URI.create(String.valueOf(url));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("bad webhook: " + e.getMessage());
        }
        if (target.getHost() == null || !target.getScheme().startsWith("http")) {
            throw new BadRequest("bad webhook: an HTTP(S) URL must be provided for webhook");
        }
        Object secret = params.get("secret_token");
        lock.lock();
        try {
            webhookUrl = target;
            webhookSecret = secret == null ? null : String.valueOf(secret);
            if (webhookSender == null) {
                webhookSender = Thread.ofVirtual().name("fake-telegram-webhook").start(this::deliverUpdates);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return ok(true);
    }

    private Reply deleteWebhook() {
        lock.lock();
        try {
            webhookUrl = null;
            webhookSecret = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return ok(true);
    }

    /**
     * Posts the oldest update to the webhook until it answers 2xx, then the next, as Telegram does;
     * after a failure it waits a moment (as Telegram, which waits longer) and tries again.
     */
    private void deliverUpdates() {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2)).build();
        try (client) {
            while (true) {
                Map<String, Object> update;
                URI url;
                String secret;
                lock.lock();
                try {
                    while (!closed && (webhookUrl == null || unconfirmed.isEmpty())) {
                        changed.await();
                    }
                    if (closed) {
                        return;
                    }
                    update = unconfirmed.peekFirst();
                    url = webhookUrl;
                    secret = webhookSecret;
                } finally {
                    lock.unlock();
                }
                int status = post(client, url, secret, update);
                lock.lock();
                try {
                    deliveries.add(new WebhookDelivery((Long) update.get("update_id"), status));
                    if (status >= 200 && status < 300) {
                        unconfirmed.remove(update);
                    }
                    changed.signalAll();
                    if (status < 200 || status >= 300) {
                        changed.await(WEBHOOK_RETRY.toMillis(), TimeUnit.MILLISECONDS);
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The webhook's HTTP status for {@code update}, or 0 when it could not be reached. */
    private static int post(HttpClient client, URI url, @Nullable String secret,
            Map<String, Object> update) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(update)));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Every attempt to post an update to the webhook, in order. */
    public List<WebhookDelivery> webhookDeliveries() {
        lock.lock();
        try {
            return List.copyOf(deliveries);
        } finally {
            lock.unlock();
        }
    }

    /** The webhook set with {@code setWebhook}, or null while updates are fetched with {@code getUpdates}. */
    public @Nullable URI webhookUrl() {
        lock.lock();
        try {
            return webhookUrl;
        } finally {
            lock.unlock();
        }
    }

    private Reply getUpdates(Map<String, @Nullable Object> params) {
        long offset = number(params, "offset", 0);
        int limit = (int) Math.clamp(number(params, "limit", 100), 1, 100);
        long timeoutSeconds = Math.max(0, number(params, "timeout", 0));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        lock.lock();
        try {
            if (offset > 0) {
                unconfirmed.removeIf(u -> (Long) u.get("update_id") < offset);
            }
            long generation = ++pollGeneration; // a newer poll ends this one, as on Telegram
            changed.signalAll();
            waitingPolls++;
            try {
                while (true) {
                    if (pollGeneration != generation) {
                        return new Reply(409, error(409,
                                "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
                    }
                    List<Map<String, Object>> due = unconfirmed.stream()
                            .filter(u -> (Long) u.get("update_id") >= offset).limit(limit).toList();
                    if (!due.isEmpty() || closed) {
                        return ok(due);
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return ok(List.of());
                    }
                    changed.awaitNanos(left);
                }
            } finally {
                waitingPolls--;
                changed.signalAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ok(List.of());
        } finally {
            lock.unlock();
        }
    }

    private Reply sendMessage(Map<String, @Nullable Object> params) {
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

    private Reply editMessageText(Map<String, @Nullable Object> params) {
        long chatId = required(params, "chat_id");
        long messageId = required(params, "message_id");
        String text = checkedText(params);
        lock.lock();
        try {
            BotMessage shown = botMessages.getOrDefault(chatId, new LinkedHashMap<>()).get(messageId);
            if (shown == null || shown.deleted()) {
                throw new BadRequest("message to edit not found");
            }
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

    private Reply leaveChat(Map<String, @Nullable Object> params) {
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

    private Reply deleteMessage(Map<String, @Nullable Object> params) {
        long chatId = required(params, "chat_id");
        long messageId = required(params, "message_id");
        lock.lock();
        try {
            BotMessage shown = botMessages.getOrDefault(chatId, new LinkedHashMap<>()).get(messageId);
            if (shown == null || shown.deleted()) {
                throw new BadRequest("message to delete not found");
            }
            botMessages.get(chatId).put(messageId, new BotMessage(chatId, messageId, shown.text(), shown.replyTo(),
                    shown.edits(), true));
            return ok(true);
        } finally {
            lock.unlock();
        }
    }

    /** {@code getChat}: by id, or by {@code @username}; only chats the bot is in or has seen a message of. */
    private Map<String, Object> chat(Map<String, @Nullable Object> params) {
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

    private Map<String, Object> chatMember(Map<String, @Nullable Object> params) {
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

    private Reply setMyCommands(Map<String, @Nullable Object> params) {
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

    // ---- building messages and updates ----

    private interface Filler {
        void fill(Map<String, Object> message);
    }

    private Posted post(TelegramChat chat, @Nullable TelegramUser from, Filler filler, @Nullable Long replyTo,
            String kind) {
        lock.lock();
        try {
            chats.put(chat.id(), chat);
            Map<String, Object> message = newMessage(chat.id(), chat.json(), from == null ? null : from.json());
            filler.fill(message);
            if (replyTo != null) {
                Map<String, Object> original = messages.getOrDefault(chat.id(), Map.of()).get(replyTo);
                if (original == null) {
                    throw new IllegalArgumentException("no message " + replyTo + " in chat " + chat.id());
                }
                message.put("reply_to_message", withoutReply(original));
            }
            store(chat.id(), message);
            return queue(kind, message, chat.id(), (Long) message.get("message_id"));
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private Posted queue(String kind, Map<String, Object> message, long chatId, long messageId) {
        long updateId = nextUpdateId++;
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("update_id", updateId);
        update.put(kind, message);
        unconfirmed.addLast(update);
        changed.signalAll();
        return new Posted(updateId, chatId, messageId);
    }

    /** Under the lock. */
    private Map<String, Object> newMessage(long chatId, Map<String, Object> chat, @Nullable Map<String, Object> from) {
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

    /** Under the lock. */
    private void store(long chatId, Map<String, Object> message) {
        messages.computeIfAbsent(chatId, c -> new HashMap<>()).put((Long) message.get("message_id"), message);
    }

    /** Under the lock: the chat as earlier messages showed it, or a private chat for a positive id. */
    private Map<String, Object> chatOf(long chatId) {
        Map<Long, Map<String, Object>> inChat = messages.get(chatId);
        if (inChat != null && !inChat.isEmpty()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> chat = (Map<String, Object>) inChat.values().iterator().next().get("chat");
            return chat;
        }
        return new TelegramChat(chatId, chatId > 0 ? "private" : "group", chatId > 0 ? null : "Group " + chatId).json();
    }

    private static Map<String, Object> withoutReply(Map<String, Object> message) {
        Map<String, Object> copy = new LinkedHashMap<>(message);
        copy.remove("reply_to_message"); // Telegram nests one level only
        return copy;
    }

    private static void putText(Map<String, Object> message, String text) {
        message.put("text", text);
        List<Map<String, Object>> entities = new ArrayList<>();
        Matcher command = COMMAND.matcher(text);
        while (command.find()) {
            entities.add(entity("bot_command", command.start(), command.end()));
        }
        Matcher mention = MENTION.matcher(text);
        while (mention.find()) {
            boolean insideCommand = entities.stream().anyMatch(e -> (Integer) e.get("offset") <= mention.start()
                    && mention.start() < (Integer) e.get("offset") + (Integer) e.get("length"));
            if (!insideCommand) {
                entities.add(entity("mention", mention.start(), mention.end()));
            }
        }
        entities.sort((a, b) -> Integer.compare((Integer) a.get("offset"), (Integer) b.get("offset")));
        if (!entities.isEmpty()) {
            message.put("entities", entities);
        }
    }

    private static Map<String, Object> entity(String type, int start, int end) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("type", type);
        entity.put("offset", start);
        entity.put("length", end - start);
        return entity;
    }

    private long seconds() {
        return clock.instant().getEpochSecond();
    }

    // ---- parameters ----

    /** The text fields of a {@code multipart/form-data} body (as TelegramBots sends {@code setWebhook}). */
    private static Map<String, String> multipart(String body, String contentType) {
        String boundary = contentType.substring(contentType.toLowerCase(Locale.ROOT).indexOf("boundary=") + 9)
                .replace("\"", "").split(";")[0].strip();
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : body.split("--" + Pattern.quote(boundary))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(part.substring(0, headersEnd));
            if (name.find()) {
                String value = part.substring(headersEnd + 4);
                fields.put(name.group(1), value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value);
            }
        }
        return fields;
    }

    private static Map<String, @Nullable Object> params(HttpExchange exchange) throws IOException {
        Map<String, @Nullable Object> params = new LinkedHashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            params.putAll(form(query));
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        if (body.isBlank()) {
            return params;
        }
        if (type.contains("json")) {
            if (!(Json.parse(body) instanceof Map<?, ?> json)) {
                throw new IllegalArgumentException("the JSON body must be an object");
            }
            json.forEach((k, v) -> params.put(String.valueOf(k), v));
        } else if (type.contains("x-www-form-urlencoded")) {
            params.putAll(form(body));
        } else if (type.startsWith("multipart/form-data") && type.contains("boundary=")) {
            params.putAll(multipart(body, String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))));
        } else {
            throw new IllegalArgumentException("unsupported content type " + type);
        }
        return params;
    }

    private static Map<String, Object> form(String encoded) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static long number(Map<String, @Nullable Object> params, String name, long otherwise) {
        Object value = params.get(name);
        if (value == null || String.valueOf(value).isBlank()) {
            return otherwise;
        }
        try {
            return Json.asLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a number");
        }
    }

    private static long required(Map<String, @Nullable Object> params, String name) {
        if (params.get(name) == null) {
            throw new BadRequest(name + " is required");
        }
        return number(params, name, 0);
    }

    private static String checkedText(Map<String, @Nullable Object> params) {
        Object text = params.get("text");
        if (text == null || String.valueOf(text).isBlank()) {
            throw new BadRequest("message text is empty");
        }
        String value = String.valueOf(text);
        if (value.length() > MAX_MESSAGE_LENGTH) {
            throw new BadRequest("message is too long");
        }
        return value;
    }

    private static @Nullable Long replyTo(Map<String, @Nullable Object> params) {
        Object reply = params.get("reply_parameters");
        if (reply instanceof String json) {
            reply = Json.parse(json);
        }
        if (reply instanceof Map<?, ?> parameters && parameters.get("message_id") != null) {
            return Json.asLong(parameters.get("message_id"));
        }
        Object id = params.get("reply_to_message_id");
        return id == null ? null : Json.asLong(id);
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message, null, false, false);
        }
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

    private static Reply ok(Object result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.put("result", result);
        return new Reply(200, body);
    }

    private static Map<String, Object> error(int code, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", false);
        body.put("error_code", code);
        body.put("description", description);
        return body;
    }

    private static void answer(HttpExchange exchange, int status, Map<String, Object> body) {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client hung up (a cancelled long poll): its updates stay unconfirmed, as on Telegram
        }
    }
}
