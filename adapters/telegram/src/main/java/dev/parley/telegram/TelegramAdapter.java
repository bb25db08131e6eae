package dev.parley.telegram;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parley.core.access.ServedScopes;
import dev.parley.core.audit.BlockReports;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.ReplySink;
import dev.parley.core.privacy.PrivateDelivery;
import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.ratelimit.OutboundScheduler;
import dev.parley.core.regenerate.AnswerButtons;
import dev.parley.core.review.AuthorNotices;
import dev.parley.core.review.ReviewQueue;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The bot on Telegram: long-polls updates with TelegramBots (or, with {@link WebhookSettings},
 * receives them on its own webhook endpoint), hands text messages to the
 * {@link ChatPipeline} as {@link InboundMessage}s and shows the answers with a
 * {@link TelegramReplySink}. {@link #start()} checks the token ({@code getMe}), registers the
 * command menu ({@code setMyCommands}) and starts polling; {@link #close()} stops polling, lets
 * queued replies go out for a few seconds and confirms to Telegram the updates it handled. The
 * connection to Telegram (HTTP clients, polling or webhook) is {@link TelegramConnection}'s, what
 * each update means {@link UpdateHandling}'s; what exists only once started is one
 * {@link AdapterState.Started}.
 *
 * <p>In groups every update goes to the core, which answers what is addressed to the bot
 * (mentions, replies to it, commands) or everything where an admin turned auto-reply on; each
 * reply chain is a conversation of its own, a private chat is one conversation. A member's admin
 * status ({@code getChatMember}: creator or administrator) is looked up for commands and
 * remembered for a minute; {@code /manage} lets an admin manage a group from their private chat
 * ({@link GroupAdministration}). An edited message whose answer is still pending is answered
 * afresh in the same reply. Bots and channel posts are ignored; stickers, photos and other
 * messages without text get a short answer in private chats and none in groups. A chat named for a
 * group's block reports ({@code /moderation audit-channel <chat id>}) must be one the admin also
 * administers and the bot can post in ({@link AuditChatCheck}); the reports are posted there by
 * {@link #blockReports()}.
 */
public final class TelegramAdapter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramAdapter.class);
    private static final Duration ADMIN_REMEMBERED = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    static final String TEXT_ONLY = "I can only read text messages; please write your question.";
    static final String SOMETHING_WENT_WRONG = "Sorry, something went wrong with that message.";

    private final TelegramSettings settings;
    private final ChatPipeline pipeline;
    private final InstantSource clock;
    private final UpdateOffsets offsets;
    private final ServedScopes served;
    private final @Nullable ReviewQueue reviews;
    private final TelegramReactions reactions;

    private final TelegramConnection connection;
    private final TelegramClient client;
    private final OutboundDriver driver;
    private final ScheduledExecutorService timers;
    private final ExecutorService lanes = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final TelegramReplies replies;
    private final RegenerateButtons regenerate;
    private final LongAdder handled = new LongAdder();

    /** Created, starting, started (with what exists only from then on) or closed; changed under {@code this}. */
    private volatile AdapterState state = new AdapterState.Created();

    TelegramAdapter(TelegramAdapterBuilder.Parts parts) {
        this.offsets = parts.offsets();
        this.served = parts.served();
        this.reviews = parts.reviews();
        this.reactions = new TelegramReactions(parts.votes());
        this.settings = parts.settings();
        this.pipeline = parts.pipeline();
        this.clock = parts.clock();
        this.connection = new TelegramConnection(settings, parts.pollBackOff());
        this.client = connection.client();
        this.driver = new OutboundDriver(new OutboundScheduler(clock),
                Thread.ofVirtual().name("telegram-outbound").factory(), parts.outboundPause());
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("telegram-timers")
                .factory());
        this.replies = new TelegramReplies(client, driver, timers, parts.caches());
        this.regenerate = new RegenerateButtons(client, pipeline, replies, lanes);
    }

    /** Shows the Regenerate button under answers and deletes the answers regenerated ones replaced. */
    public AnswerButtons answerButtons() {
        return regenerate;
    }

    /**
     * A builder that checks each part as it is set, and at {@link TelegramAdapterBuilder#build}
     * that none is missing.
     */
    public static TelegramAdapterBuilder builder() {
        return new TelegramAdapterBuilder();
    }

    /**
     * Checks the token, sets the command menu and starts polling (or listening for the webhook).
     *
     * @throws TelegramStartException if Telegram refuses the token or cannot be reached
     * @throws IllegalStateException if start was called before, or the adapter was closed
     */
    public synchronized void start() {
        switch (state) {
            case AdapterState.Created _ -> state = new AdapterState.Starting();
            case AdapterState.Closed _ -> throw new IllegalStateException("the Telegram adapter was closed");
            case AdapterState.Starting _, AdapterState.Started _ -> throw new IllegalStateException("already started");
        }
        User me = connection.bot();
        String username = me.getUserName();
        if (settings.username() != null && !settings.username().equalsIgnoreCase(username)) {
            throw new TelegramStartException("the Telegram token belongs to @" + username + ", not to @"
                    + settings.username() + " as configured");
        }
        long botId = me.getId();
        AdminLookup admins = new AdminLookup(client, ADMIN_REMEMBERED, ticker(clock));
        UpdateHandling handling = new UpdateHandling(pipeline, new UpdateReader(botId, username), admins,
                new GroupAdministration(client, admins, ticker(clock)), new AuditChatCheck(client, botId),
                replies, handled, new UnservedGroups(client, served), new ReviewButtons(client, driver, admins, reviews),
                reactions, regenerate);
        CommandMenu.set(client);
        driver.start();
        UpdateIntake intake = new UpdateIntake(handling::handle, lanes, settings.pollTimeout(),
                offsets.next(botId).orElse(0), offset -> offsets.handedOver(botId, offset));
        state = new AdapterState.Started(username, connection.receive(intake, username));
    }

    /**
     * The port the webhook listens on.
     *
     * @throws IllegalStateException unless started in webhook mode
     */
    public int webhookPort() {
        if (state.started().transport() instanceof TelegramConnection.Transport.Webhook webhook) {
            return webhook.receiver().port();
        }
        throw new IllegalStateException("not listening for a webhook");
    }

    /**
     * The bot's username, as Telegram reported it at start.
     *
     * @throws IllegalStateException unless started (and not closed)
     */
    public String username() {
        return state.started().username();
    }

    /**
     * The bot's username while the adapter polls Telegram now (started, not closed, its long poll
     * running), else empty: for health, in one read of the state, so a check never sees "polling"
     * and then a closed adapter.
     */
    public java.util.Optional<String> pollingUsername() {
        return state instanceof AdapterState.Started started && started.transport().polling()
                ? java.util.Optional.of(started.username()) : java.util.Optional.empty();
    }

    /**
     * Updates whose handling finished since start: skipped, answered, refused or ignored (for a
     * message, once the core decided and handed its answer to the sending queue).
     */
    public long messagesHandled() {
        return handled.sum();
    }

    /**
     * Posts the blocks of groups whose admins named an audit chat to that chat, through the same
     * paced queue as replies; a report that cannot be posted is logged (it is in the audit log all
     * the same).
     */
    public BlockReports blockReports() {
        return new AuditChatPoster(client, driver);
    }

    /** Posts an admin's warning to the author of a reviewed message, as a reply to it, through the paced queue. */
    public AuthorNotices reviewNotices() {
        return new ReviewNotices(client, driver);
    }

    /** Sends files to users' private chats with the bot, for {@code /export}. */
    public PrivateDelivery privateDelivery() {
        return new PrivateFiles(client);
    }

    /** The queue of Bot API sends, paced within Telegram's limits; for its figures. */
    public OutboundScheduler outbound() {
        return driver.scheduler();
    }

    /** Waits until the adapter is closed, at most {@code timeout}; whether it is. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * A sink answering {@code stored}, a message of this adapter's that the core accepted before a
     * restart: its answer goes to the same chat, as a reply to that message, as if it had never
     * stopped (an edit of the message later re-answers in the same reply).
     */
    public ReplySink replySinkFor(InboundMessage stored) {
        String id = stored.messageId();
        long chatId = Long.parseLong(stored.location().channelId());
        int messageId = Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
        return replies.keptSink(id, chatId, !stored.directMessage(), messageId, stored.conversationRoot());
    }

    /**
     * Stops polling (or refuses further webhook posts), sends what is queued (for a few seconds at
     * most) and confirms to Telegram the updates handed to the core, so the next start neither
     * repeats nor loses one. Idempotent.
     */
    @Override
    public void close() {
        AdapterState before;
        synchronized (this) {
            before = state;
            if (before instanceof AdapterState.Closed) {
                return;
            }
            state = new AdapterState.Closed();
        }
        try {
            if (before instanceof AdapterState.Started started) {
                connection.stopReceiving(started.transport(), SHUTDOWN_GRACE);
            }
            timers.shutdownNow(); // no more typing renewals
            driver.close(SHUTDOWN_GRACE);
            if (driver.scheduler().pending() > 0) {
                LOG.warn("Telegram: some replies were still queued at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            driver.close();
            timers.shutdownNow();
            lanes.shutdownNow();
            connection.close(); // last: the driver sent through it until just now
            closed.countDown();
            LOG.info("Telegram: stopped");
        }
    }

    private static Ticker ticker(InstantSource clock) {
        return () -> {
            Instant now = clock.instant();
            return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        };
    }
}
