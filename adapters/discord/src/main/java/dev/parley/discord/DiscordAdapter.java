package dev.parley.discord;

import dev.parley.core.audit.BlockReports;
import dev.parley.core.review.AuthorNotices;
import dev.parley.core.review.ReviewQueue;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.feedback.ReactionVotes;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.ReplySink;
import dev.parley.core.regenerate.AnswerButtons;
import dev.parley.core.privacy.PrivateDelivery;
import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.ratelimit.OutboundScheduler;
import dev.parley.core.reply.ReplyCaches;
import dev.parley.core.reply.ReplyChains;
import dev.parley.core.reply.ReplySplitter;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.EnumSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.exceptions.ContextException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parley on Discord: runs this process's shards through JDA's ShardManager, feeds their messages
 * and slash-commands to the pipeline, and paces everything it sends through one outbound driver
 * that keeps to Discord's per-channel limits and honours 429s.
 *
 * <p>{@link #close()} stops listening, lets replies in flight go out for a while, then disconnects.
 */
public final class DiscordAdapter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordAdapter.class);
    /** The intents the adapter needs; MESSAGE_CONTENT must also be enabled for the bot in Discord's portal. */
    public static final EnumSet<GatewayIntent> INTENTS = EnumSet.of(GatewayIntent.GUILD_MESSAGES,
            GatewayIntent.DIRECT_MESSAGES, GatewayIntent.MESSAGE_CONTENT, GatewayIntent.GUILD_MESSAGE_REACTIONS,
            GatewayIntent.DIRECT_MESSAGE_REACTIONS);
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final DiscordSettings settings;
    private final ChatPipeline pipeline;
    private final OutboundDriver driver;
    private final ScheduledExecutorService timer;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private final ReplyCaches caches;
    private final ReplyChains chains;
    private final Duration typingFor;
    private @Nullable ShardManager shards;
    private @Nullable DiscordListener listener;
    private @Nullable ReactionVotes votes;
    private volatile @Nullable DiscordReactions reactions;
    private boolean closed;
    private @Nullable ReviewQueue reviews;
    private final RegenerateButton regenerate;

    /**
     * @param typingFor how long a question may show "typing" while it waits (the queue's longest wait)
     */
    public DiscordAdapter(DiscordSettings settings, ChatPipeline pipeline, InstantSource clock, Duration typingFor) {
        this(settings, pipeline, clock, typingFor, ReplyCaches.DEFAULTS);
    }

    /**
     * @param typingFor how long a question may show "typing" while it waits (the queue's longest wait)
     * @param caches how many recent messages the adapter remembers for reply chains and edits
     */
    public DiscordAdapter(DiscordSettings settings, ChatPipeline pipeline, InstantSource clock, Duration typingFor,
            ReplyCaches caches) {
        this.settings = settings;
        this.caches = caches;
        this.chains = new ReplyChains(caches);
        this.pipeline = pipeline;
        this.driver = new OutboundDriver(new OutboundScheduler(clock), Thread.ofPlatform().name("discord-outbound").factory());
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("discord-typing").factory());
        this.typingFor = typingFor;
        this.regenerate = new RegenerateButton(pipeline, work, driver, chains, this::channelOf);
    }

    /** Where 👍/👎 reactions on the bot's answers become feedback votes; set before {@link #start()}, else ignored. */
    public synchronized void votes(ReactionVotes votes) {
        if (shards != null) {
            throw new IllegalStateException("the Discord adapter is started: set its votes before");
        }
        this.votes = java.util.Objects.requireNonNull(votes, "votes");
    }

    /** Connects this process's shards; returns at once (JDA logs in on its own threads). */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the Discord adapter is closed");
        }
        if (shards != null) {
            return;
        }
        driver.start();
        listener = new DiscordListener(pipeline, new SlashCommands(), chains, driver,
                new TypingIndicator(timer, typingFor), work, settings.adminRoleId(), caches,
                reactions = new DiscordReactions(votes, work));
        DefaultShardManagerBuilder builder = DefaultShardManagerBuilder.createLight(settings.token(), INTENTS)
                .setShardsTotal(settings.shardsTotal())
                .setShards(settings.firstShard(), settings.lastShard())
                .setEnableShutdownHook(false) // Spring closes the adapter in order
                .addEventListeners(listener, regenerate);
        if (reviews != null) {
            builder.addEventListeners(new ReviewButtonListener(reviews, work, settings.adminRoleId()));
        }
        if (settings.restUrl() != null) {
            builder.setRestConfig(new RestConfig().setBaseUrl(settings.restUrl().toString()));
        }
        if (settings.gatewayUrl() != null) {
            builder.setSessionController(new FixedGateway(settings.gatewayUrl(), settings.shardsTotal()));
            builder.setCompression(Compression.NONE); // proxies and test servers speak plain JSON
        }
        try {
            shards = builder.build();
        } catch (RuntimeException e) {
            // the driver and executors started above would keep the JVM alive
            close();
            throw new DiscordStartException(startFailure(e), e);
        }
        LOG.info("discord: connecting shards {}..{} of {}", settings.firstShard(), settings.lastShard(),
                settings.shardsTotal());
    }

    /** One line saying why JDA could not log in, never its stack trace; JDA's messages hold no token. */
    private String startFailure(RuntimeException failure) {
        if (failure instanceof InvalidTokenException) {
            return "Discord refused the token (parley.discord.token, DISCORD_TOKEN)";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root && !(root.getCause() instanceof ContextException)) {
            root = root.getCause();
        }
        String where = settings.restUrl() == null ? "discord.com" : settings.restUrl().toString();
        return "could not reach Discord at " + where + " (" + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    }

    /** Waits until every shard of this process has connected and received its guilds. */
    public void awaitReady() throws InterruptedException {
        ShardManager running = requireStarted();
        for (JDA shard : running.getShards()) {
            shard.awaitReady();
        }
    }

    /** Whether every shard of this process is connected to the gateway now. */
    public boolean connected() {
        ShardManager running = shards;
        return running != null && !running.getShards().isEmpty()
                && running.getShards().stream().allMatch(shard -> shard.getStatus() == JDA.Status.CONNECTED);
    }

    /**
     * Messages and slash-commands whose handling has finished (answered, refused or ignored) since
     * start; their replies may still be on their way out (see {@link #outbound()}).
     */
    public long messagesHandled() {
        DiscordListener current = listener;
        return current == null ? 0 : current.handled();
    }

    /** 👍/👎 and other unicode reactions handed to the feedback votes whose handling finished, since start. */
    public long reactionsHandled() {
        DiscordReactions current = reactions;
        return current == null ? 0 : current.handled();
    }

    /**
     * Offers the review queue's actions as buttons under block reports, and handles their presses;
     * call before {@link #start()}.
     */
    public synchronized void offerReviews(ReviewQueue reviews) {
        if (shards != null) {
            throw new IllegalStateException("offer reviews before start");
        }
        this.reviews = java.util.Objects.requireNonNull(reviews, "reviews");
    }

    /**
     * Posts the blocks of servers that named an audit channel to that channel; reports arriving
     * before the shards connected, or naming a channel this process does not serve, are dropped
     * (they are in the audit log all the same).
     */
    public BlockReports blockReports() {
        return new AuditChannelPoster(id -> {
            ShardManager running = shards;
            return running == null ? null : running.getChannelById(GuildMessageChannel.class, id);
        }, driver);
    }

    /** Posts an admin's warning to the author of a reviewed message, as a reply to it, through the paced queue. */
    public AuthorNotices reviewNotices() {
        return new ReviewNotices(id -> {
            ShardManager running = shards;
            return running == null ? null : running.getChannelById(GuildMessageChannel.class, id);
        }, driver);
    }

    /** Sends files to users as direct messages, for {@code /export}; unsupported until the shards started. */
    public PrivateDelivery privateDelivery() {
        return new DirectFiles(() -> shards);
    }

    /**
     * A sink answering {@code stored}, a message the core accepted before a restart: the answer
     * goes to the same channel (or thread, or direct message) as a reply to that message. Null
     * where this process cannot post: the channel is gone or served by another process's shards
     * (direct messages are shard 0's).
     */
    public @Nullable ReplySink replySinkFor(InboundMessage stored) {
        ShardManager running = requireStarted();
        Location where = stored.location();
        MessageChannel channel;
        try {
            if (stored.directMessage()) {
                channel = running.getShardById(0) == null ? null
                        : running.retrieveUserById(stored.author().id()).complete().openPrivateChannel().complete();
            } else {
                channel = running.getChannelById(GuildMessageChannel.class, channelIdOf(where));
            }
        } catch (RuntimeException e) {
            LOG.warn("discord: no channel to answer message {} in: {}", stored.messageId(),
                    e.toString());
            return null;
        }
        return channel == null ? null : new ChannelReplySink(channel, stored.messageId(), stored.conversationRoot(),
                driver, new ReplySplitter(Message.MAX_CONTENT_LENGTH), chains);
    }

    /** Shows the Regenerate button under answers and deletes the answers regenerated ones replaced. */
    public AnswerButtons answerButtons() {
        return regenerate;
    }

    /** The channel (or thread, or DM) of {@code where}, when a connected shard sees it. */
    private @Nullable MessageChannel channelOf(Location where) {
        ShardManager running = shards;
        if (running == null) {
            return null;
        }
        String id = channelIdOf(where);
        MessageChannel channel = running.getChannelById(GuildMessageChannel.class, id);
        return channel != null ? channel : running.getPrivateChannelById(id);
    }

    /** The id of the channel messages of {@code where} are posted in: its thread (a channel in Discord) if it has one. */
    static String channelIdOf(Location where) {
        return where.threadId() != null ? where.threadId() : where.channelId();
    }

    /** The pacing of sends, for metrics: sent, retried after 429, failed, waiting. */
    public OutboundScheduler outbound() {
        return driver.scheduler();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ShardManager running = shards;
        if (running != null && listener != null) {
            running.removeEventListener(listener);
        }
        work.shutdown();
        driver.close(DRAIN);
        timer.shutdownNow();
        if (running != null) {
            running.shutdown();
        }
    }

    private ShardManager requireStarted() {
        ShardManager running = shards;
        if (running == null) {
            throw new IllegalStateException("the Discord adapter is not started");
        }
        return running;
    }

    /** A session controller that names the gateway itself instead of asking Discord's REST API for it. */
    private static final class FixedGateway extends SessionControllerAdapter {

        private final String url;
        private final int shardsTotal;

        FixedGateway(URI url, int shardsTotal) {
            this.url = url.toString();
            this.shardsTotal = shardsTotal;
        }

        @Override
        public String getGateway() {
            return url;
        }

        @Override
        public ShardedGateway getShardedGateway(JDA api) {
            return new ShardedGateway(url, shardsTotal, 1);
        }
    }
}
