package dev.parley.testkit.discord;

import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
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
 * <pre>{@code
 * try (FakeDiscordServer discord = FakeDiscordServer.start()) {
 *     FakeGuild guild = discord.createGuild("Parley Test");
 *     long general = guild.addTextChannel("general");
 *     FakeUser alice = discord.createUser("alice");
 *     guild.addMember(alice, guild.adminRoleId());
 *     JDA jda = ...; // configured as below, then awaitReady()
 *     discord.postMessage(general, alice, discord.botUser().mention() + " hello");
 *     SentMessage answer = discord.awaitSentMessage(m -> m.channelId() == general, Duration.ofSeconds(10));
 *     discord.slashCommand(general, alice, "ask").option("prompt", "hi").send();
 *     discord.failNext("POST channels/" + general + "/messages", 1, 1); // one 429, JDA retries
 *     discord.disconnect();                                          // JDA resumes
 *     assertThat(discord.unknownRequests()).isEmpty();
 * }
 * }</pre>
 *
 * <p>JDA needs three settings to use it (the testkit's own tests show them in full):
 * {@code setRestConfig(new RestConfig().setBaseUrl(server.restBaseUrl()))}, a
 * {@code SessionController} whose {@code getGateway()} returns {@link #gatewayUrl()}, and
 * {@code setCompression(Compression.NONE)}. A ShardManager asks {@code GET gateway/bot} instead,
 * which answers with the same URL and the configured shard count.
 */
public final class FakeDiscordServer implements AutoCloseable {

    /** The bot token the server accepts unless another is configured. */
    public static final String DEFAULT_TOKEN = "parley-test-token";

    private final String token;
    private final Snowflakes ids;
    private final DiscordState state;
    private final Gateway gateway;
    private final RestTransport rest;
    private final ReentrantLock changeLock = new ReentrantLock();
    private final Condition changed = changeLock.newCondition();
    private volatile boolean closed;

    private FakeDiscordServer(Builder builder) throws IOException {
        this.token = builder.token;
        this.ids = new Snowflakes(builder.clock);
        // the gateway reads the state only once a client connects, after both exist
        this.gateway = new Gateway(new ServerWorld(token, this::state, this::gatewayUrl, this::signalChange), (int) builder.heartbeatInterval.toMillis());
        this.state = new DiscordState(ids, gateway, builder.botName, builder.interactionDeadlines);
        this.rest = new RestTransport(token, ids, new DiscordRoutes(state, builder.shards, this::gatewayUrl),
                this::signalChange);
        try {
            gateway.startAndWait();
        } catch (RuntimeException e) {
            rest.stop();
            throw e;
        }
    }

    private DiscordState state() {
        return state;
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
        private boolean interactionDeadlines;

        private Builder() {}

        /** The bot token REST and IDENTIFY must carry. */
        public Builder token(String value) {
            if (value.isBlank()) {
                throw new IllegalArgumentException("token must not be blank");
            }
            this.token = value;
            return this;
        }

        /**
         * The clock behind new ids, timestamps and interaction deadlines. Start it near the real
         * time: JDA reads creation times from ids and compares them with its own clock (an
         * interaction hook "expires" 15 min after its id's time).
         */
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

        /**
         * Expires interactions as Discord does, by the server's clock: a callback more than 3 s
         * after the interaction gets 404 Unknown interaction (10062), a follow-up or edit more than
         * 15 min after it 401 Invalid Webhook Token (50027). Off by default, as a loaded test
         * machine may take seconds; use it with a {@link #clock} the test advances.
         */
        public Builder interactionDeadlines(boolean value) {
            this.interactionDeadlines = value;
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
        return "http://127.0.0.1:" + rest.port() + RestTransport.API_PREFIX;
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
        return state.bot;
    }

    /** The bot's application id (equal to its user id, as for Discord bots created today). */
    public long applicationId() {
        return state.applicationId;
    }

    // ---------------------------------------------------------------- the world

    /** Adds a person. */
    public FakeUser createUser(String username) {
        return state.createUser(username, false);
    }

    /** Adds another bot, whose messages carry {@code author.bot = true}. */
    public FakeUser createBotUser(String username) {
        return state.createUser(username, true);
    }

    /**
     * Adds a guild with @everyone, an admin role and the bot as a member. A guild added after the
     * client identified is announced with GUILD_CREATE, as when the bot joins a server.
     */
    public FakeGuild createGuild(String name) {
        return announce(new FakeGuild(ids.next(), name, ids, state.bot));
    }

    /**
     * As {@link #createGuild(String)}, with an id that puts the guild on {@code shard} of
     * {@code shardCount}: for tests of several shards, which need a guild on each.
     */
    public FakeGuild createGuildOnShard(String name, int shard, int shardCount) {
        if (shardCount < 1 || shard < 0 || shard >= shardCount) {
            throw new IllegalArgumentException("no shard " + shard + " of " + shardCount);
        }
        return announce(new FakeGuild(ids.nextOnShard(shard, shardCount), name, ids, state.bot));
    }

    private FakeGuild announce(FakeGuild guild) {
        state.guilds.put(guild.id(), guild);
        gateway.dispatch("GUILD_CREATE", guild.id(), session -> guild.guildCreateJson());
        return guild;
    }

    /** The DM channel between the bot and this user, created on first use. */
    public long openDm(FakeUser user) {
        return state.openDm(user);
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
        return new UserMessages(ids, state).post(draft);
    }

    /** Changes a message's content and dispatches MESSAGE_UPDATE, as when its author edits it. */
    public void editMessage(long channelId, long messageId, String newContent) {
        new UserMessages(ids, state).edit(channelId, messageId, newContent);
    }

    /** Removes a message and dispatches MESSAGE_DELETE. */
    public void deleteMessage(long channelId, long messageId) {
        new UserMessages(ids, state).delete(channelId, messageId);
    }

    /** {@code user} reacts with unicode {@code emoji} (e.g. "👍") on a message: MESSAGE_REACTION_ADD. */
    public void react(long channelId, long messageId, FakeUser user, String emoji) {
        new ReactionEvents(state).dispatch(true, channelId, messageId, user, emoji);
    }

    /** {@code user} takes their {@code emoji} reaction off a message: MESSAGE_REACTION_REMOVE. */
    public void unreact(long channelId, long messageId, FakeUser user, String emoji) {
        new ReactionEvents(state).dispatch(false, channelId, messageId, user, emoji);
    }

    /** A slash command to invoke; call {@link SlashCommandDraft#send()} to dispatch it. */
    public SlashCommandDraft slashCommand(long channelId, FakeUser user, String name) {
        return new SlashCommandDraft(this, channelId, user, name);
    }

    FakeInteraction invoke(SlashCommandDraft draft) {
        return new SlashInvocations(ids, state, gateway).invoke(draft);
    }

    /**
     * {@code user} presses the button {@code customId} under message {@code messageId} of channel
     * {@code channelId}: a component interaction (type 3), as Discord sends it, with the message
     * and its components. The bot's answer is among {@link #interactionCallbacks()}.
     */
    public FakeInteraction pressButton(long channelId, FakeUser user, long messageId, String customId) {
        return new ButtonPresses(ids, state, gateway).press(new UserMessages(ids, state).known(channelId, messageId), user,
                customId);
    }

    /** The custom ids of the buttons under message {@code messageId} now, in order; empty when it has none. */
    public List<String> buttons(long messageId) {
        return ButtonPresses.customIds(state.messages.get(messageId));
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
        rest.addFault(routePattern, count, 429, retryAfterSeconds, 0, "You are being rate limited.");
    }

    /**
     * Limits message sends and edits per channel to {@code messages} within a sliding
     * {@code window} on the server's clock (Discord allows about 5 per 5 s): successful sends
     * carry the {@code X-RateLimit-*} headers JDA paces itself by, and a send beyond the limit gets
     * 429. Off until called.
     */
    public void limitChannelMessages(int messages, Duration window) {
        rest.limitChannels(new ChannelRateLimit(messages, window));
    }

    /** Answers the next {@code count} requests matching the route with this status and Discord error. */
    public void failNextWithStatus(String routePattern, int count, int status, int errorCode, String message) {
        rest.addFault(routePattern, count, status, 0, errorCode, message);
    }

    // ---------------------------------------------------------------- what the bot did

    /** Every REST request so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(rest.requests());
    }

    /** Requests to routes the server does not know; a healthy test expects none. */
    public List<RecordedRequest> unknownRequests() {
        return List.copyOf(rest.unknownRequests());
    }

    /** The files the bot uploaded with messages the server accepted (a DM's export...), oldest first. */
    public List<UploadedFile> uploadedFiles() {
        return rest.uploads();
    }

    /** Messages the bot created or edited, in order. */
    public List<SentMessage> sentMessages() {
        return List.copyOf(state.sent);
    }

    /** Answers the bot gave to interactions, in order. */
    public List<InteractionCallback> interactionCallbacks() {
        return List.copyOf(state.callbacks);
    }

    /** The global commands the bot registered last ({@code PUT applications/{app}/commands}). */
    public List<Map<String, Object>> globalCommands() {
        return state.commands.getOrDefault("global", List.of());
    }

    /** The commands the bot registered last for one guild. */
    public List<Map<String, Object>> guildCommands(long guildId) {
        return state.commands.getOrDefault(Long.toUnsignedString(guildId), List.of());
    }

    /** The current content of a message the server knows, e.g. after the bot edited it. */
    public Optional<String> messageContent(long messageId) {
        return state.messageContent(messageId);
    }

    /** Waits until a recorded request matches and returns the first that does. */
    public RecordedRequest awaitRequest(Predicate<RecordedRequest> condition, Duration timeout) {
        return awaitFirst(rest::requests, condition, timeout, "a matching request");
    }

    /** Waits until the bot sent a message that matches and returns the first that does. */
    public SentMessage awaitSentMessage(Predicate<SentMessage> condition, Duration timeout) {
        return awaitFirst(() -> state.sent, condition, timeout, "a matching sent message");
    }

    /** Waits until the bot answered an interaction in a way that matches. */
    public InteractionCallback awaitInteractionCallback(Predicate<InteractionCallback> condition, Duration timeout) {
        return awaitFirst(() -> state.callbacks, condition, timeout, "a matching interaction callback");
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
                            + "; requests so far: " + rest.requests());
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
        rest.stop();
    }
}
