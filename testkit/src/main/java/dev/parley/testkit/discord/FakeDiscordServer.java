package dev.parley.testkit.discord;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A fake Discord server on 127.0.0.1 for end-to-end tests of the real JDA client: REST under
 * {@link #restBaseUrl()} and the gateway at {@link #gatewayUrl()}.
 *
 * <p>Build the world (guilds, channels, users, DMs) before the client connects; then dispatch
 * events as Discord would ({@link #message}, {@link #editMessage}, {@link #deleteMessage},
 * {@link #slashCommand}), inject faults ({@link #failNext}, {@link #disconnect}) and wait for
 * what the bot does ({@link #awaitSentMessage}, {@link #awaitRequest}, ...). Messages the bot
 * creates come back to it as MESSAGE_CREATE with itself as the author, as on Discord. Every
 * request is recorded; routes the server does not know answer 404 and are listed by
 * {@link #unknownRequests()}.
 *
 * <p>JDA needs three settings to use it (the testkit's own tests show them in full):
 * {@code setRestConfig(new RestConfig().setBaseUrl(server.restBaseUrl()))}, a
 * {@code SessionController} whose {@code getGateway()} (and {@code getShardedGateway} for a
 * ShardManager) returns {@link #gatewayUrl()}, and {@code setCompression(Compression.NONE)}.
 */
public final class FakeDiscordServer implements AutoCloseable {

    /** The bot token the server accepts unless another is configured. */
    public static final String DEFAULT_TOKEN = "parley-test-token";

    private static final String API_PREFIX = "/api/v10/";
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

    private final Snowflakes ids;
    private final String token;
    private final int shards;
    private final FakeUser bot;
    private final FakeUser applicationOwner;
    private final long applicationId;
    private final Map<Long, FakeUser> users = new ConcurrentHashMap<>();
    private final Map<Long, FakeGuild> guilds = new ConcurrentHashMap<>();
    private final Map<Long, FakeUser> dmRecipients = new ConcurrentHashMap<>();
    private final Map<Long, StoredMessage> messages = new ConcurrentHashMap<>();
    private final Map<String, InteractionState> interactions = new ConcurrentHashMap<>();
    private final Map<String, Long> commandIds = new ConcurrentHashMap<>();
    private final List<Fault> faults = new ArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> unknown = new CopyOnWriteArrayList<>();
    private final List<SentMessage> sent = new CopyOnWriteArrayList<>();
    private final List<InteractionCallback> callbacks = new CopyOnWriteArrayList<>();
    private final Map<String, List<Map<String, Object>>> commands = new ConcurrentHashMap<>();
    private final ReentrantLock changeLock = new ReentrantLock();
    private final Condition changed = changeLock.newCondition();
    private final ExecutorService httpThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer http;
    private final Gateway gateway;
    private volatile boolean closed;

    private FakeDiscordServer(Builder builder) throws IOException {
        this.ids = new Snowflakes(builder.clock);
        this.token = builder.token;
        this.shards = builder.shards;
        this.bot = createUser(builder.botName, true);
        this.applicationOwner = createUser("app-owner", false);
        this.applicationId = bot.id();
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext(API_PREFIX, this::handle);
        http.setExecutor(httpThreads);
        this.gateway = new Gateway(new GatewayWorld(), (int) builder.heartbeatInterval.toMillis());
        http.start();
        gateway.startAndWait();
    }

    /** Starts a server with the default token, one shard and the system clock. */
    public static FakeDiscordServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings for a {@link FakeDiscordServer}; each is checked when set. */
    public static final class Builder {
        private String token = DEFAULT_TOKEN;
        private InstantSource clock = InstantSource.system();
        private int shards = 1;
        private Duration heartbeatInterval = Duration.ofSeconds(41);
        private String botName = "parley";

        private Builder() {}

        /** The bot token REST and IDENTIFY must carry. */
        public Builder token(String value) {
            if (value.isBlank()) {
                throw new IllegalArgumentException("token must not be blank");
            }
            this.token = value;
            return this;
        }

        /** The clock behind new ids and timestamps. */
        public Builder clock(InstantSource value) {
            this.clock = value;
            return this;
        }

        /** The shard count {@code GET gateway/bot} recommends. */
        public Builder shards(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("shards must be at least 1: " + value);
            }
            this.shards = value;
            return this;
        }

        public Builder heartbeatInterval(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("heartbeat interval must be positive: " + value);
            }
            this.heartbeatInterval = value;
            return this;
        }

        public Builder botName(String value) {
            this.botName = value;
            return this;
        }

        public FakeDiscordServer start() {
            try {
                return new FakeDiscordServer(this);
            } catch (IOException e) {
                throw new IllegalStateException("could not start the fake Discord server", e);
            }
        }
    }

    // ---------------------------------------------------------------- addresses and identity

    /** {@code http://127.0.0.1:PORT/api/v10/}, for JDA's {@code RestConfig.setBaseUrl}. */
    public String restBaseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + API_PREFIX;
    }

    /** {@code ws://127.0.0.1:PORT/}, for the gateway URL a {@code SessionController} returns. */
    public String gatewayUrl() {
        return "ws://127.0.0.1:" + gateway.getPort() + "/";
    }

    public String token() {
        return token;
    }

    /** The bot user the token belongs to. */
    public FakeUser botUser() {
        return bot;
    }

    /** The bot's application id (equal to its user id, as for Discord bots created today). */
    public long applicationId() {
        return applicationId;
    }

    // ---------------------------------------------------------------- the world

    /** Adds a person. */
    public FakeUser createUser(String username) {
        return createUser(username, false);
    }

    /** Adds another bot, whose messages carry {@code author.bot = true}. */
    public FakeUser createBotUser(String username) {
        return createUser(username, true);
    }

    private FakeUser createUser(String username, boolean isBot) {
        FakeUser user = new FakeUser(ids.next(), username, isBot);
        users.put(user.id(), user);
        return user;
    }

    /**
     * Adds a guild with @everyone, an admin role and the bot as a member. A guild added after the
     * client identified is announced with GUILD_CREATE, as when the bot joins a server.
     */
    public FakeGuild createGuild(String name) {
        FakeGuild guild = new FakeGuild(ids.next(), name, ids, bot);
        guilds.put(guild.id(), guild);
        gateway.dispatch("GUILD_CREATE", guild.id(), session -> guild.guildCreateJson());
        return guild;
    }

    /** The DM channel between the bot and this user, created on first use. */
    public long openDm(FakeUser user) {
        for (Map.Entry<Long, FakeUser> dm : dmRecipients.entrySet()) {
            if (dm.getValue().id() == user.id()) {
                return dm.getKey();
            }
        }
        long channelId = ids.next();
        dmRecipients.put(channelId, user);
        return channelId;
    }

    // ---------------------------------------------------------------- events for the bot

    /** A message to dispatch; call {@link MessageDraft#post()} to send it. */
    public MessageDraft message(long channelId, FakeUser author, String content) {
        return new MessageDraft(this, channelId, author, content);
    }

    /** Dispatches MESSAGE_CREATE for a plain message and returns its id. */
    public long postMessage(long channelId, FakeUser author, String content) {
        return message(channelId, author, content).post();
    }

    long postMessage(MessageDraft draft) {
        ChannelRef channel = channel(draft.channelId)
                .orElseThrow(() -> new IllegalArgumentException("unknown channel " + draft.channelId));
        long messageId = ids.next();
        Map<String, Object> author;
        long authorId;
        Long webhookId = null;
        if (draft.webhookName != null) {
            webhookId = ids.next();
            authorId = webhookId;
            author = new FakeUser(webhookId, draft.webhookName, true).toJson();
            author.put("discriminator", "0000");
        } else {
            authorId = draft.author.id();
            author = draft.author.toJson();
            if (channel.guild() != null && !channel.guild().isMember(draft.author)) {
                throw new IllegalArgumentException(draft.author.username() + " is not a member of the guild");
            }
        }
        StoredMessage referenced = null;
        if (draft.replyTo != null) {
            referenced = messages.get(draft.replyTo);
            if (referenced == null) {
                throw new IllegalArgumentException("unknown message " + draft.replyTo);
            }
        }
        List<Map<String, Object>> attachments = new ArrayList<>();
        for (Map<String, Object> described : draft.attachments) {
            attachments.add(attachment(channel.id(), (String) described.get("filename"),
                    ((Number) described.get("size")).intValue(), (String) described.get("content_type")));
        }
        StoredMessage message = new StoredMessage(messageId, channel.id(), channel.guild(), author, authorId,
                webhookId, null, referenced == null ? 0 : 19, referenced, attachments, draft.content, 0);
        messages.put(messageId, message);
        dispatchMessage("MESSAGE_CREATE", message);
        return messageId;
    }

    /** Changes a message's content and dispatches MESSAGE_UPDATE, as when its author edits it. */
    public void editMessage(long channelId, long messageId, String newContent) {
        StoredMessage message = knownMessage(channelId, messageId);
        synchronized (message) {
            message.content = newContent;
            message.editedAt = ids.now();
        }
        dispatchMessage("MESSAGE_UPDATE", message);
    }

    /** Removes a message and dispatches MESSAGE_DELETE. */
    public void deleteMessage(long channelId, long messageId) {
        StoredMessage message = knownMessage(channelId, messageId);
        messages.remove(messageId);
        dispatchDelete(message);
    }

    private StoredMessage knownMessage(long channelId, long messageId) {
        StoredMessage message = messages.get(messageId);
        if (message == null || message.channelId != channelId) {
            throw new IllegalArgumentException("unknown message " + messageId + " in channel " + channelId);
        }
        return message;
    }

    /** A slash command to invoke; call {@link SlashCommandDraft#send()} to dispatch it. */
    public SlashCommandDraft slashCommand(long channelId, FakeUser user, String name) {
        return new SlashCommandDraft(this, channelId, user, name);
    }

    FakeInteraction invoke(SlashCommandDraft draft) {
        ChannelRef channel = channel(draft.channelId)
                .orElseThrow(() -> new IllegalArgumentException("unknown channel " + draft.channelId));
        FakeGuild guild = channel.guild();
        long interactionId = ids.next();
        String interactionToken = "interaction-" + UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        String scope = guild == null ? "global" : Long.toUnsignedString(guild.id());
        Long commandId = commandIds.get(scope + "/" + draft.name);
        if (commandId == null) {
            commandId = commandIds.get("global/" + draft.name);
        }
        data.put("id", Long.toUnsignedString(commandId != null ? commandId : ids.next()));
        data.put("name", draft.name);
        data.put("type", 1);
        if (guild != null) {
            data.put("guild_id", Long.toUnsignedString(guild.id()));
        }
        if (draft.subcommand != null) {
            data.put("options", List.of(Map.of("name", draft.subcommand, "type", 1, "options", draft.options)));
        } else {
            data.put("options", draft.options);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(interactionId));
        json.put("application_id", Long.toUnsignedString(applicationId));
        json.put("type", 2);
        json.put("token", interactionToken);
        json.put("version", 1);
        json.put("data", data);
        json.put("channel_id", Long.toUnsignedString(channel.id()));
        json.put("channel", channelJson(channel));
        json.put("locale", "en-US");
        json.put("entitlements", List.of());
        json.put("attachment_size_limit", 10_485_760);
        json.put("app_permissions", Long.toString(guild == null ? PermissionBits.EVERYONE_DEFAULT : guild.permissionsOf(bot)));
        if (guild != null) {
            if (!guild.isMember(draft.user)) {
                throw new IllegalArgumentException(draft.user.username() + " is not a member of " + guild.name());
            }
            Map<String, Object> member = guild.memberJson(draft.user.id());
            member.put("permissions", Long.toString(guild.permissionsOf(draft.user)));
            json.put("guild_id", Long.toUnsignedString(guild.id()));
            json.put("guild", Map.of("id", Long.toUnsignedString(guild.id()), "locale", "en-US", "features", List.of()));
            json.put("guild_locale", "en-US");
            json.put("member", member);
            json.put("context", 0);
            json.put("authorizing_integration_owners", Map.of("0", Long.toUnsignedString(guild.id())));
        } else {
            json.put("user", draft.user.toJson());
            json.put("context", 1);
            json.put("authorizing_integration_owners", Map.of("0", Long.toUnsignedString(draft.user.id())));
        }
        interactions.put(interactionToken, new InteractionState(interactionId, channel, draft.user));
        gateway.dispatch("INTERACTION_CREATE", guild == null ? 0 : guild.id(), session -> json);
        return new FakeInteraction(interactionId, interactionToken, channel.id(), guild == null ? null : guild.id());
    }

    // ---------------------------------------------------------------- gateway faults

    /**
     * Drops the gateway connections with 1001 (going away), as Discord does when it moves a
     * session; sessions stay resumable, and dispatches until the client resumes are replayed then.
     */
    public void disconnect() {
        disconnect(1001);
    }

    /** Drops the gateway connections with this close code; sessions stay resumable. */
    public void disconnect(int closeCode) {
        gateway.disconnectAll(closeCode, "closed by the fake server");
    }

    /** Sends op 7 RECONNECT, after which the client closes the connection itself and resumes. */
    public void requestReconnect() {
        gateway.requestReconnect();
    }

    /** Forgets the gateway sessions, so a RESUME gets INVALID_SESSION and the client identifies anew. */
    public void invalidateSessions() {
        gateway.invalidateSessions();
    }

    /** How many IDENTIFY payloads the gateway accepted. */
    public int identifyCount() {
        return gateway.identifies();
    }

    /** How many sessions were resumed. */
    public int resumeCount() {
        return gateway.resumes();
    }

    // ---------------------------------------------------------------- REST faults

    /**
     * Answers the next {@code count} requests matching the route with 429 Too Many Requests, as
     * Discord's per-route limit does: a JSON body {@code {message, retry_after, global:false}} and
     * the {@code Retry-After}, {@code X-RateLimit-*} and {@code Via} headers (without {@code Via}
     * JDA takes a 429 for a Cloudflare ban of every route).
     *
     * @param routePattern {@code "METHOD path"} or just a path, relative to {@code /api/v10/};
     *     {@code *} stands for one segment, e.g. <code>"POST channels/&#42;/messages"</code>
     */
    public void failNext(String routePattern, int count, long retryAfterSeconds) {
        addFault(routePattern, count, 429, retryAfterSeconds, 0, "You are being rate limited.");
    }

    /** Answers the next {@code count} requests matching the route with this status and Discord error. */
    public void failNextWithStatus(String routePattern, int count, int status, int errorCode, String message) {
        addFault(routePattern, count, status, 0, errorCode, message);
    }

    private void addFault(String routePattern, int count, int status, long retryAfter, int code, String message) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        if (retryAfter < 0) {
            throw new IllegalArgumentException("retry-after must not be negative: " + retryAfter);
        }
        String[] parts = routePattern.trim().split("\\s+", 2);
        String method = parts.length == 2 ? parts[0].toUpperCase() : null;
        String path = parts.length == 2 ? parts[1] : parts[0];
        synchronized (faults) {
            faults.add(new Fault(method, RouteGlob.toRegex(path.startsWith("/") ? path.substring(1) : path),
                    count, status, retryAfter, code, message));
        }
    }

    // ---------------------------------------------------------------- what the bot did

    /** Every REST request so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Requests to routes the server does not know; a healthy test expects none. */
    public List<RecordedRequest> unknownRequests() {
        return List.copyOf(unknown);
    }

    /** Messages the bot created or edited, in order. */
    public List<SentMessage> sentMessages() {
        return List.copyOf(sent);
    }

    /** Answers the bot gave to interactions, in order. */
    public List<InteractionCallback> interactionCallbacks() {
        return List.copyOf(callbacks);
    }

    /** The global commands the bot registered last ({@code PUT applications/{app}/commands}). */
    public List<Map<String, Object>> globalCommands() {
        return commands.getOrDefault("global", List.of());
    }

    /** The commands the bot registered last for one guild. */
    public List<Map<String, Object>> guildCommands(long guildId) {
        return commands.getOrDefault(Long.toUnsignedString(guildId), List.of());
    }

    /** The current content of a message the server knows, e.g. after the bot edited it. */
    public Optional<String> messageContent(long messageId) {
        StoredMessage message = messages.get(messageId);
        if (message == null) {
            return Optional.empty();
        }
        synchronized (message) {
            return Optional.of(message.content);
        }
    }

    /** Waits until a recorded request matches and returns the first that does. */
    public RecordedRequest awaitRequest(Predicate<RecordedRequest> condition, Duration timeout) {
        return awaitFirst(() -> requests, condition, timeout, "a matching request");
    }

    /** Waits until the bot sent a message that matches and returns the first that does. */
    public SentMessage awaitSentMessage(Predicate<SentMessage> condition, Duration timeout) {
        return awaitFirst(() -> sent, condition, timeout, "a matching sent message");
    }

    /** Waits until the bot answered an interaction in a way that matches. */
    public InteractionCallback awaitInteractionCallback(Predicate<InteractionCallback> condition, Duration timeout) {
        return awaitFirst(() -> callbacks, condition, timeout, "a matching interaction callback");
    }

    /** Waits until the gateway accepted this many IDENTIFY payloads in total. */
    public void awaitIdentifies(int count, Duration timeout) {
        await(() -> identifyCount() >= count, timeout, () -> count + " identifies, saw " + identifyCount());
    }

    /** Waits until the gateway resumed this many sessions in total. */
    public void awaitResumes(int count, Duration timeout) {
        await(() -> resumeCount() >= count, timeout, () -> count + " resumes, saw " + resumeCount());
    }

    /**
     * Waits until the condition holds, re-checking whenever the server records something and at
     * least every 50 ms; fails with an {@link AssertionError} naming what was awaited.
     */
    public void await(BooleanSupplier condition, Duration timeout, Supplier<String> description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        changeLock.lock();
        try {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + description.get()
                            + "; requests so far: " + requests);
                }
                changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + description.get(), e);
        } finally {
            changeLock.unlock();
        }
    }

    private <T> T awaitFirst(Supplier<List<T>> source, Predicate<T> condition, Duration timeout, String what) {
        List<T> found = new ArrayList<>(1);
        await(() -> {
            for (T item : source.get()) {
                if (condition.test(item)) {
                    found.add(item);
                    return true;
                }
            }
            return false;
        }, timeout, () -> what);
        return found.getFirst();
    }

    private void signalChange() {
        changeLock.lock();
        try {
            changed.signalAll();
        } finally {
            changeLock.unlock();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            gateway.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.stop(0);
        httpThreads.shutdownNow();
    }

    // ---------------------------------------------------------------- channels and messages

    record ChannelRef(long id, @Nullable FakeGuild guild, int type, @Nullable FakeUser recipient) {}

    record InteractionState(long id, ChannelRef channel, FakeUser user) {}

    private final Map<String, Long> originals = new ConcurrentHashMap<>();
    private final Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();

    Optional<ChannelRef> channel(long channelId) {
        FakeUser recipient = dmRecipients.get(channelId);
        if (recipient != null) {
            return Optional.of(new ChannelRef(channelId, null, 1, recipient));
        }
        for (FakeGuild guild : guilds.values()) {
            Optional<FakeGuild.Channel> channel = guild.channel(channelId);
            if (channel.isPresent()) {
                return Optional.of(new ChannelRef(channelId, guild, channel.get().type(), null));
            }
        }
        return Optional.empty();
    }

    private Map<String, Object> channelJson(ChannelRef channel) {
        if (channel.guild() != null) {
            return channel.guild().channelJson(channel.id());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(channel.id()));
        json.put("type", 1);
        json.put("last_message_id", null);
        json.put("flags", 0);
        json.put("recipients", channel.recipient() == null ? List.of() : List.of(channel.recipient().toJson()));
        return json;
    }

    private Map<String, Object> attachment(long channelId, String filename, int size, @Nullable String contentType) {
        long attachmentId = ids.next();
        String url = "https://cdn.discordapp.com/attachments/" + Long.toUnsignedString(channelId) + "/"
                + Long.toUnsignedString(attachmentId) + "/" + filename;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(attachmentId));
        json.put("filename", filename);
        json.put("size", size);
        json.put("url", url);
        json.put("proxy_url", url.replace("cdn.discordapp.com", "media.discordapp.net"));
        if (contentType != null) {
            json.put("content_type", contentType);
        }
        return json;
    }

    private Map<String, Object> messageJson(StoredMessage message) {
        return message.toJson(users, true);
    }

    private void dispatchMessage(String type, StoredMessage message) {
        if ((message.flags & 64) != 0) {
            return; // ephemeral messages are never dispatched
        }
        long guildId = message.guild == null ? 0 : message.guild.id();
        gateway.dispatch(type, guildId, session -> messageJson(message));
    }

    private void dispatchDelete(StoredMessage message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(message.id));
        json.put("channel_id", Long.toUnsignedString(message.channelId));
        if (message.guild != null) {
            json.put("guild_id", Long.toUnsignedString(message.guild.id()));
        }
        gateway.dispatch("MESSAGE_DELETE", message.guild == null ? 0 : message.guild.id(), session -> json);
    }

    // ---------------------------------------------------------------- REST

    /** An answer: status, JSON body (null for none) and what to dispatch once it is written. */
    private record Reply(int status, @Nullable Object body, @Nullable Runnable after) {
        static Reply json(Object body) {
            return new Reply(200, body, null);
        }

        static Reply noContent() {
            return new Reply(204, null, null);
        }

        static Reply error(int status, int code, String message) {
            return new Reply(status, Map.of("message", message, "code", code), null);
        }

        Reply then(Runnable action) {
            return new Reply(status, body, action);
        }
    }

    private record Fault(
            @Nullable String method, Pattern path, int count, int status, long retryAfter, int code, String message) {}

    private record Request(
            String method, List<String> segments, String path, Map<String, String> query,
            @Nullable Object body, List<String> files) {

        boolean is(String expectedMethod, String... pattern) {
            if (!method.equals(expectedMethod) || segments.size() != pattern.length) {
                return false;
            }
            for (int i = 0; i < pattern.length; i++) {
                if (!pattern[i].equals("*") && !pattern[i].equals(segments.get(i))) {
                    return false;
                }
            }
            return true;
        }

        String segment(int index) {
            return segments.get(index);
        }

        Map<String, Object> json() {
            return body instanceof Map<?, ?> ? castMap(body) : Map.of();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase();
            String rawPath = exchange.getRequestURI().getRawPath();
            String path = rawPath.substring(Math.min(rawPath.length(), API_PREFIX.length()));
            if (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            List<String> segments = new ArrayList<>();
            for (String segment : path.split("/")) {
                segments.add(URLDecoder.decode(segment, StandardCharsets.UTF_8));
            }
            Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
            byte[] bytes;
            try (InputStream in = exchange.getRequestBody()) {
                bytes = in.readAllBytes();
            }
            String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
            Object body = null;
            List<String> files = new ArrayList<>();
            Reply reply = null;
            try {
                if (contentType.startsWith("multipart/form-data")) {
                    body = parseMultipart(bytes, contentType, files);
                } else if (bytes.length > 0) {
                    body = Json.parse(new String(bytes, StandardCharsets.UTF_8));
                }
            } catch (RuntimeException e) {
                reply = Reply.error(400, 50109, "The request body contains invalid JSON.");
            }
            Request request = new Request(method, List.copyOf(segments), String.join("/", segments), query, body, files);
            boolean tokenInPath = segments.getFirst().equals("interactions") || segments.getFirst().equals("webhooks");
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (reply == null && !tokenInPath && !("Bot " + token).equals(authorization)) {
                reply = Reply.error(401, 0, "401: Unauthorized");
            }
            Fault fault = reply == null ? takeFault(method, request.path()) : null;
            if (fault != null) {
                reply = faultReply(exchange, fault);
            }
            boolean known = true;
            if (reply == null) {
                try {
                    reply = route(request);
                } catch (RuntimeException e) {
                    reply = Reply.error(400, 50035, "Invalid Form Body: " + e.getMessage());
                }
                if (reply == null) {
                    known = false;
                    reply = Reply.error(404, 0, "404: Not Found");
                }
            }
            RecordedRequest recorded = new RecordedRequest(method, request.path(), query, body, List.copyOf(files),
                    reply.status(), ids.now());
            requests.add(recorded);
            if (!known) {
                unknown.add(recorded);
            }
            write(exchange, reply);
            if (reply.after() != null) {
                reply.after().run();
            }
        } finally {
            signalChange();
        }
    }

    private @Nullable Fault takeFault(String method, String path) {
        synchronized (faults) {
            for (int i = 0; i < faults.size(); i++) {
                Fault fault = faults.get(i);
                if ((fault.method() == null || fault.method().equals(method)) && fault.path().matcher(path).matches()) {
                    if (fault.count() <= 1) {
                        faults.remove(i);
                    } else {
                        faults.set(i, new Fault(fault.method(), fault.path(), fault.count() - 1, fault.status(),
                                fault.retryAfter(), fault.code(), fault.message()));
                    }
                    return fault;
                }
            }
            return null;
        }
    }

    private Reply faultReply(HttpExchange exchange, Fault fault) {
        if (fault.status() != 429) {
            return Reply.error(fault.status(), fault.code(), fault.message());
        }
        var headers = exchange.getResponseHeaders();
        long resetAt = ids.now().getEpochSecond() + fault.retryAfter();
        headers.add("Retry-After", Long.toString(fault.retryAfter()));
        headers.add("X-RateLimit-Limit", "5");
        headers.add("X-RateLimit-Remaining", "0");
        headers.add("X-RateLimit-Reset", Long.toString(resetAt));
        headers.add("X-RateLimit-Reset-After", fault.retryAfter() + ".000");
        headers.add("X-RateLimit-Bucket", "fake-" + Integer.toHexString(fault.path().pattern().hashCode()));
        headers.add("X-RateLimit-Scope", "user");
        // Discord's own 429s pass through its proxy; JDA reads a missing Via as a Cloudflare ban
        headers.add("Via", "1.1 google");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", fault.message());
        body.put("retry_after", (double) fault.retryAfter());
        body.put("global", false);
        return new Reply(429, body, null);
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.body() == null) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        byte[] bytes = Json.write(reply.body()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private @Nullable Reply route(Request r) {
        if (r.is("GET", "users", "@me")) {
            Map<String, Object> me = bot.toJson();
            me.put("verified", true);
            me.put("mfa_enabled", false);
            me.put("flags", 0);
            return Reply.json(me);
        }
        if (r.is("GET", "gateway", "bot")) {
            Map<String, Object> limit = new LinkedHashMap<>();
            limit.put("total", 1000);
            limit.put("remaining", 999);
            limit.put("reset_after", 86_400_000);
            limit.put("max_concurrency", 1);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("url", gatewayUrl());
            json.put("shards", shards);
            json.put("session_start_limit", limit);
            return Reply.json(json);
        }
        if (r.is("GET", "gateway")) {
            return Reply.json(Map.of("url", gatewayUrl()));
        }
        if (r.is("GET", "applications", "@me") || r.is("GET", "oauth2", "applications", "@me")) {
            return Reply.json(applicationJson());
        }
        if (r.is("PUT", "applications", "*", "commands") && isApplication(r.segment(1))) {
            return registerCommands("global", null, r);
        }
        if (r.is("PUT", "applications", "*", "guilds", "*", "commands") && isApplication(r.segment(1))) {
            return registerCommands(r.segment(3), r.segment(3), r);
        }
        if (r.is("GET", "applications", "*", "commands") && isApplication(r.segment(1))) {
            return Reply.json(globalCommands());
        }
        if (r.is("GET", "applications", "*", "guilds", "*", "commands") && isApplication(r.segment(1))) {
            return Reply.json(commands.getOrDefault(r.segment(3), List.of()));
        }
        if (r.is("POST", "users", "@me", "channels")) {
            return openDmRoute(r);
        }
        if (r.is("POST", "channels", "*", "messages")) {
            return createMessageRoute(r);
        }
        if (r.is("GET", "channels", "*", "messages", "*")) {
            return withMessage(r.segment(1), r.segment(3), message -> Reply.json(messageJson(message)));
        }
        if (r.is("PATCH", "channels", "*", "messages", "*")) {
            return withMessage(r.segment(1), r.segment(3), message -> editByBot(message, r, SentMessage.Kind.EDIT));
        }
        if (r.is("DELETE", "channels", "*", "messages", "*")) {
            return withMessage(r.segment(1), r.segment(3), message -> {
                messages.remove(message.id);
                return Reply.noContent().then(() -> dispatchDelete(message));
            });
        }
        if (r.is("POST", "channels", "*", "typing")) {
            return channelId(r.segment(1)).flatMap(this::channel).isPresent()
                    ? Reply.noContent()
                    : Reply.error(404, 10003, "Unknown Channel");
        }
        if (r.is("PUT", "channels", "*", "messages", "*", "reactions", "*", "@me")
                || r.is("DELETE", "channels", "*", "messages", "*", "reactions", "*", "@me")) {
            return withMessage(r.segment(1), r.segment(3), message -> Reply.noContent());
        }
        if (r.is("POST", "interactions", "*", "*", "callback")) {
            return interactionCallback(r);
        }
        if (r.segments().size() >= 3 && r.segment(0).equals("webhooks")) {
            return webhookRoute(r);
        }
        return null;
    }

    private boolean isApplication(String id) {
        return id.equals(Long.toUnsignedString(applicationId));
    }

    private static Optional<Long> channelId(String segment) {
        try {
            return Optional.of(Long.parseUnsignedLong(segment));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Map<String, Object> applicationJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toUnsignedString(applicationId));
        json.put("name", bot.username());
        json.put("description", "");
        json.put("icon", null);
        json.put("bot_public", true);
        json.put("bot_require_code_grant", false);
        json.put("owner", applicationOwner.toJson());
        json.put("team", null);
        json.put("flags", 0);
        json.put("verify_key", "0".repeat(64));
        json.put("bot", bot.toJson());
        json.put("install_params", Map.of("scopes", List.of("bot", "applications.commands"), "permissions", "0"));
        return json;
    }

    private Reply registerCommands(String scope, @Nullable String guildId, Request r) {
        if (!(r.body() instanceof List<?> list)) {
            return Reply.error(400, 50035, "Invalid Form Body");
        }
        List<Map<String, Object>> registered = new ArrayList<>();
        for (Object item : list) {
            Map<String, Object> command = new LinkedHashMap<>(castMap(item));
            long commandId = commandIds.computeIfAbsent(scope + "/" + command.get("name"), name -> ids.next());
            command.put("id", Long.toUnsignedString(commandId));
            command.put("application_id", Long.toUnsignedString(applicationId));
            command.put("version", Long.toUnsignedString(commandId));
            command.putIfAbsent("type", 1);
            command.putIfAbsent("description", "");
            command.putIfAbsent("default_member_permissions", null);
            command.putIfAbsent("nsfw", false);
            command.putIfAbsent("contexts", List.of(0, 1, 2));
            command.putIfAbsent("integration_types", List.of(0));
            if (guildId != null) {
                command.put("guild_id", guildId);
            }
            registered.add(command);
        }
        commands.put(scope, List.copyOf(registered));
        return Reply.json(registered);
    }

    private Reply openDmRoute(Request r) {
        Object recipientId = r.json().get("recipient_id");
        FakeUser recipient = recipientId == null ? null : users.get(Long.parseUnsignedLong(recipientId.toString()));
        if (recipient == null) {
            return Reply.error(404, 10013, "Unknown User");
        }
        long channelId = openDm(recipient);
        return Reply.json(channelJson(new ChannelRef(channelId, null, 1, recipient)));
    }

    private Reply createMessageRoute(Request r) {
        Optional<ChannelRef> channel = channelId(r.segment(1)).flatMap(this::channel);
        if (channel.isEmpty()) {
            return Reply.error(404, 10003, "Unknown Channel");
        }
        Map<String, Object> body = r.json();
        String content = body.get("content") instanceof String s ? s : "";
        if (content.length() > 2000) {
            return Reply.error(400, 50035, "Invalid Form Body: content must be 2000 or fewer in length.");
        }
        Long replyTo = referencedId(body);
        StoredMessage referenced = replyTo == null ? null : messages.get(replyTo);
        if (replyTo != null && referenced == null && !Boolean.FALSE.equals(
                castMap(body.get("message_reference")).get("fail_if_not_exists"))) {
            return Reply.error(400, 50035, "Invalid Form Body: Unknown message");
        }
        StoredMessage message = botMessage(channel.get(), content, referenced == null ? 0 : 19, referenced,
                intFlags(body), null, r.files());
        sent.add(new SentMessage(SentMessage.Kind.CREATE, message.channelId, message.id, content,
                allowedMentions(body), replyTo, body));
        return Reply.json(messageJson(message)).then(() -> dispatchMessage("MESSAGE_CREATE", message));
    }

    private StoredMessage botMessage(ChannelRef channel, String content, int type, @Nullable StoredMessage referenced,
            int flags, @Nullable Long webhookId, List<String> files) {
        List<Map<String, Object>> attachments = new ArrayList<>();
        for (String file : files) {
            attachments.add(attachment(channel.id(), file, 0, null));
        }
        StoredMessage message = new StoredMessage(ids.next(), channel.id(), channel.guild(), bot.toJson(), bot.id(),
                webhookId, webhookId == null ? null : applicationId, type, referenced, attachments, content, flags);
        messages.put(message.id, message);
        return message;
    }

    private static @Nullable Long referencedId(Map<String, Object> body) {
        if (body.get("message_reference") instanceof Map<?, ?> reference && reference.get("message_id") != null) {
            return Long.parseUnsignedLong(reference.get("message_id").toString());
        }
        return null;
    }

    private static @Nullable Map<String, Object> allowedMentions(Map<String, Object> body) {
        return body.get("allowed_mentions") instanceof Map<?, ?> map ? castMap(map) : null;
    }

    private static int intFlags(Map<String, Object> body) {
        return body.get("flags") instanceof Number n ? n.intValue() : 0;
    }

    private Reply withMessage(String channelSegment, String messageSegment, java.util.function.Function<StoredMessage, Reply> action) {
        Optional<Long> channelId = channelId(channelSegment);
        if (channelId.flatMap(this::channel).isEmpty()) {
            return Reply.error(404, 10003, "Unknown Channel");
        }
        StoredMessage message = channelId(messageSegment).map(messages::get).orElse(null);
        if (message == null || message.channelId != channelId.get()) {
            return Reply.error(404, 10008, "Unknown Message");
        }
        return action.apply(message);
    }

    private Reply editByBot(StoredMessage message, Request r, SentMessage.Kind kind) {
        if (message.authorId != bot.id()) {
            return Reply.error(403, 50005, "Cannot edit a message authored by another user");
        }
        Map<String, Object> body = r.json();
        synchronized (message) {
            if (body.get("content") instanceof String content) {
                if (content.length() > 2000) {
                    return Reply.error(400, 50035, "Invalid Form Body: content must be 2000 or fewer in length.");
                }
                message.content = content;
            }
            if (body.get("embeds") instanceof List<?> embeds) {
                message.embeds = embeds.stream().map(FakeDiscordServer::castMap).toList();
            }
            message.flags &= ~128; // an edit ends "thinking..."
            message.editedAt = ids.now();
        }
        sent.add(new SentMessage(kind, message.channelId, message.id, messageContent(message.id).orElse(""),
                allowedMentions(body), null, body));
        return Reply.json(messageJson(message)).then(() -> dispatchMessage("MESSAGE_UPDATE", message));
    }

    private Reply interactionCallback(Request r) {
        InteractionState interaction = interactions.get(r.segment(2));
        if (interaction == null || !Long.toUnsignedString(interaction.id()).equals(r.segment(1))) {
            return Reply.error(404, 10062, "Unknown interaction");
        }
        if (acknowledged.putIfAbsent(r.segment(2), true) != null) {
            return Reply.error(400, 40060, "Interaction has already been acknowledged.");
        }
        Map<String, Object> body = r.json();
        int type = body.get("type") instanceof Number n ? n.intValue() : 0;
        Map<String, Object> data = body.get("data") instanceof Map<?, ?> map ? castMap(map) : Map.of();
        callbacks.add(new InteractionCallback(interaction.id(), type, data));
        StoredMessage message = null;
        if (type == 4 || type == 5) {
            String content = type == 4 && data.get("content") instanceof String s ? s : "";
            int flags = intFlags(data) & 64 | (type == 5 ? 128 : 0);
            message = botMessage(interaction.channel(), content, 20, null, flags, applicationId, r.files());
            originals.put(r.segment(2), message.id);
            if (type == 4) {
                sent.add(new SentMessage(SentMessage.Kind.INTERACTION_REPLY, message.channelId, message.id, content,
                        allowedMentions(data), null, data));
            }
        }
        if (!"true".equals(r.query().get("with_response"))) {
            StoredMessage created = message;
            return created == null ? Reply.noContent()
                    : Reply.noContent().then(() -> dispatchMessage("MESSAGE_CREATE", created));
        }
        Map<String, Object> interactionJson = new LinkedHashMap<>();
        interactionJson.put("id", Long.toUnsignedString(interaction.id()));
        interactionJson.put("type", 2);
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", type);
        if (message != null) {
            interactionJson.put("response_message_id", Long.toUnsignedString(message.id));
            interactionJson.put("response_message_loading", type == 5);
            interactionJson.put("response_message_ephemeral", (message.flags & 64) != 0);
            if (type == 4) {
                resource.put("message", messageJson(message));
            }
        }
        Reply reply = Reply.json(Map.of("interaction", interactionJson, "resource", resource));
        StoredMessage created = message;
        return created == null ? reply : reply.then(() -> dispatchMessage("MESSAGE_CREATE", created));
    }

    private @Nullable Reply webhookRoute(Request r) {
        if (!isApplication(r.segment(1)) || !interactions.containsKey(r.segment(2))) {
            return Reply.error(404, 10015, "Unknown Webhook");
        }
        String interactionToken = r.segment(2);
        InteractionState interaction = interactions.get(interactionToken);
        if (r.is("POST", "webhooks", "*", "*")) {
            Map<String, Object> body = r.json();
            String content = body.get("content") instanceof String s ? s : "";
            StoredMessage message = botMessage(interaction.channel(), content, 0, null, intFlags(body) & 64,
                    applicationId, r.files());
            sent.add(new SentMessage(SentMessage.Kind.FOLLOW_UP, message.channelId, message.id, content,
                    allowedMentions(body), null, body));
            return Reply.json(messageJson(message)).then(() -> dispatchMessage("MESSAGE_CREATE", message));
        }
        if (r.segments().size() != 5 || !r.segment(3).equals("messages")) {
            return null;
        }
        Long messageId = r.segment(4).equals("@original")
                ? originals.get(interactionToken)
                : channelId(r.segment(4)).orElse(null);
        StoredMessage message = messageId == null ? null : messages.get(messageId);
        if (message == null) {
            return Reply.error(404, 10008, "Unknown Message");
        }
        return switch (r.method()) {
            case "GET" -> Reply.json(messageJson(message));
            case "PATCH" -> editByBot(message, r, SentMessage.Kind.INTERACTION_EDIT);
            case "DELETE" -> {
                messages.remove(message.id);
                yield Reply.noContent().then(() -> dispatchDelete(message));
            }
            default -> null;
        };
    }

    private static Map<String, String> parseQuery(@Nullable String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    /** Reads the {@code payload_json} part as the body and collects the file names of the other parts. */
    private static @Nullable Object parseMultipart(byte[] bytes, String contentType, List<String> files) {
        var matcher = BOUNDARY.matcher(contentType);
        if (!matcher.find()) {
            throw new IllegalArgumentException("multipart without boundary");
        }
        // ISO-8859-1 maps every byte to one char, so binary file parts survive the split
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Object payload = null;
        for (String part : text.split("--" + Pattern.quote(matcher.group(1)))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headerEnd);
            String content = part.substring(headerEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            var filename = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            if (filename.find()) {
                files.add(new String(filename.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            } else if (headers.contains("name=\"payload_json\"")) {
                payload = Json.parse(new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            }
        }
        return payload;
    }

    /** What the gateway reads from the server. */
    private final class GatewayWorld implements Gateway.World {
        @Override
        public String token() {
            return token;
        }

        @Override
        public Map<String, Object> botUserJson() {
            Map<String, Object> json = bot.toJson();
            json.put("verified", true);
            json.put("mfa_enabled", false);
            json.put("flags", 0);
            return json;
        }

        @Override
        public long applicationId() {
            return applicationId;
        }

        @Override
        public List<FakeGuild> guilds() {
            return guilds.values().stream().sorted(java.util.Comparator.comparingLong(FakeGuild::id)).toList();
        }

        @Override
        public String gatewayUrl() {
            return FakeDiscordServer.this.gatewayUrl();
        }

        @Override
        public void changed() {
            signalChange();
        }
    }
}
