package dev.parley.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.parley.core.audit.BlockReports;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.ReplySink;
import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.ratelimit.OutboundScheduler;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The bot on Telegram: long-polls updates with TelegramBots (or, with {@link WebhookSettings},
 * receives them on its own webhook endpoint), hands text messages to the
 * {@link ChatPipeline} as {@link InboundMessage}s and shows the answers with a
 * {@link TelegramReplySink}. {@link #start()} checks the token ({@code getMe}), registers the
 * command menu ({@code setMyCommands}) and starts polling; {@link #close()} stops polling, lets
 * queued replies go out for a few seconds and confirms to Telegram the updates it handled.
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

    private static final Logger LOG = System.getLogger(TelegramAdapter.class.getName());
    private static final Duration ADMIN_REMEMBERED = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    static final String TEXT_ONLY = "I can only read text messages; please write your question.";
    static final String SOMETHING_WENT_WRONG = "Sorry, something went wrong with that message.";

    private final TelegramSettings settings;
    private final ChatPipeline pipeline;
    private final InstantSource clock;
    private final BackOff pollBackOff;
    private final UpdateOffsets offsets;

    private final OkHttpClient pollingHttp;
    private final QuietPollStop pollStop = new QuietPollStop();
    private final OkHttpClient sendingHttp;
    private final TelegramClient client;
    private final OutboundDriver driver;
    private final ScheduledExecutorService timers;
    private final ScheduledExecutorService poller;
    private final ExecutorService lanes = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final TelegramReplies replies;
    private final LongAdder handled = new LongAdder();

    private @Nullable TelegramBotsLongPollingApplication polling;
    private @Nullable WebhookReceiver webhook;
    private @Nullable UpdateIntake intake;
    private @Nullable String username;
    private boolean started;
    private boolean stopped;

    TelegramAdapter(TelegramAdapterBuilder.Parts parts) {
        this.offsets = parts.offsets();
        this.settings = parts.settings();
        this.pipeline = parts.pipeline();
        this.clock = parts.clock();
        this.pollBackOff = parts.pollBackOff();
        this.pollingHttp = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
                .addInterceptor(pollStop.emptyAnswerWhenStopping()).addNetworkInterceptor(pollStop.rememberSocket())
                .readTimeout(settings.pollTimeout().plusSeconds(20)).writeTimeout(Duration.ofSeconds(20)).build();
        this.sendingHttp = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30)).writeTimeout(Duration.ofSeconds(30)).build();
        this.client = new OkHttpTelegramClient(sendingHttp, settings.token(), telegramUrl());
        this.driver = new OutboundDriver(new OutboundScheduler(clock),
                Thread.ofVirtual().name("telegram-outbound").factory());
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("telegram-timers")
                .factory());
        // TelegramBots never shuts down the executor it polls on: the adapter owns it
        this.poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("telegram-poll")
                .factory());
        this.replies = new TelegramReplies(client, driver, timers, parts.caches());
    }

    /**
     * A builder that checks each part as it is set, and at {@link TelegramAdapterBuilder#build}
     * that none is missing.
     */
    public static TelegramAdapterBuilder builder() {
        return new TelegramAdapterBuilder();
    }

    /**
     * Checks the token, sets the command menu and starts polling.
     *
     * @throws TelegramStartException if Telegram refuses the token or cannot be reached
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException(stopped ? "the Telegram adapter was closed" : "already started");
        }
        started = true;
        User me = getMe();
        username = me.getUserName();
        if (settings.username() != null && !settings.username().equalsIgnoreCase(username)) {
            throw new TelegramStartException("the Telegram token belongs to @" + username + ", not to @"
                    + settings.username() + " as configured");
        }
        AdminLookup admins = new AdminLookup(client, ADMIN_REMEMBERED, ticker(clock));
        UpdateHandling handling = new UpdateHandling(pipeline, new UpdateReader(me.getId(), username), admins,
                new GroupAdministration(client, admins, ticker(clock)), new AuditChatCheck(client, me.getId()),
                replies, handled);
        CommandMenu.set(client);
        driver.start();
        long botId = me.getId();
        intake = new UpdateIntake(handling::handle, lanes, settings.pollTimeout(), offsets.next(botId).orElse(0),
                offset -> offsets.handedOver(botId, offset));
        WebhookSettings webhookSettings = settings.webhook();
        if (webhookSettings != null) {
            startWebhook(webhookSettings, intake);
            return;
        }
        try {
            polling = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> pollingHttp,
                    () -> poller, () -> pollBackOff);
            polling.registerBot(settings.token(), this::telegramUrl, intake, intake);
        } catch (TelegramApiException e) {
            throw new TelegramStartException("could not start polling Telegram: " + ApiErrors.describe(e), e);
        }
        LOG.log(Level.INFO, "Telegram: polling as @{0}", username);
    }

    /** Listens for Telegram's posts, then tells Telegram where to post (which ends any long polling). */
    private void startWebhook(WebhookSettings webhookSettings, UpdateIntake updates) {
        try {
            webhook = new WebhookReceiver(webhookSettings, updates);
        } catch (IOException e) {
            throw new TelegramStartException("could not listen for Telegram's webhook on port " + webhookSettings.port()
                    + ": " + e.getMessage(), e);
        }
        webhook.start();
        try {
            client.execute(SetWebhook.builder().url(webhookSettings.url().toString())
                    .secretToken(webhookSettings.secretToken()).build());
        } catch (TelegramApiException e) {
            throw new TelegramStartException("Telegram refused the webhook " + webhookSettings.url() + ": "
                    + ApiErrors.describe(e), e);
        }
        LOG.log(Level.INFO, "Telegram: @{0} receives updates at {1} (port {2})", username, webhookSettings.url(),
                String.valueOf(webhook.port()));
    }

    /** The port the webhook listens on; only in webhook mode, once started. */
    public int webhookPort() {
        WebhookReceiver current = webhook;
        if (current == null) {
            throw new IllegalStateException("not listening for a webhook");
        }
        return current.port();
    }

    /** The bot's username, known once started. */
    public @Nullable String username() {
        return username;
    }

    /** Whether the adapter polls Telegram now (started, not closed, its long poll running), for health. */
    public synchronized boolean polling() {
        TelegramBotsLongPollingApplication running = polling;
        return started && !stopped && running != null && running.isRunning();
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

    /** The queue of Bot API sends, paced within Telegram's limits; for its figures. */
    public OutboundScheduler outbound() {
        return driver.scheduler();
    }

    /** Waits until the adapter is closed, at most {@code timeout}; whether it is. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private User getMe() {
        try {
            return client.execute(new GetMe());
        } catch (TelegramApiException e) {
            String reason = ApiErrors.refused(e) ? "Telegram refused the token (" + ApiErrors.describe(e) + ")"
                    : "could not reach Telegram at " + settings.apiUrl() + " (" + ApiErrors.describe(e) + ")";
            throw new TelegramStartException(reason, e);
        }
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
     * Stops polling, sends what is queued (for a few seconds at most) and confirms to Telegram
     * the updates handed to the core, so the next start neither repeats nor loses one. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        try {
            if (webhook != null) {
                stopWebhook(); // the webhook stays set: Telegram keeps what comes meanwhile for the next start
            } else {
                int offset = stopPolling();
                if (intake != null) {
                    confirm(offset);
                }
            }
            timers.shutdownNow(); // no more typing renewals
            driver.close(SHUTDOWN_GRACE);
            if (driver.scheduler().pending() > 0) {
                LOG.log(Level.WARNING, "Telegram: some replies were still queued at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            driver.close();
            timers.shutdownNow();
            poller.shutdownNow();
            lanes.shutdownNow();
            for (OkHttpClient http : List.of(pollingHttp, sendingHttp)) {
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            }
            closed.countDown();
            LOG.log(Level.INFO, "Telegram: stopped");
        }
    }

    /** Refuses new posts (Telegram posts them again later), waits for those in hand, then stops listening. */
    private void stopWebhook() throws InterruptedException {
        try {
            if (intake != null) {
                intake.close(SHUTDOWN_GRACE);
            }
        } finally {
            if (webhook != null) {
                webhook.close();
            }
        }
    }

    /** Stops the long poll (and the request in flight); returns the offset confirming what was handed over. */
    private int stopPolling() throws InterruptedException {
        if (polling != null) {
            try {
                polling.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Telegram: stopping the poll failed: {0}", e.toString());
            }
        }
        // not cancelAll(): TelegramBots logs a cancelled poll as an ERROR; this one ends as "no updates"
        pollStop.stop();
        poller.shutdown();
        poller.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        return intake == null ? 0 : intake.close(SHUTDOWN_GRACE);
    }

    /** Confirms every update below {@code offset} without waiting for new ones. */
    private void confirm(int offset) {
        try {
            client.execute(GetUpdates.builder().offset(offset).limit(1).timeout(0).build());
        } catch (TelegramApiException e) {
            LOG.log(Level.WARNING, "Telegram: could not confirm handled updates ({0}); they may be seen again",
                    ApiErrors.describe(e));
        }
    }

    private TelegramUrl telegramUrl() {
        return new TelegramUrl(settings.apiUrl().getScheme(), settings.apiUrl().getHost(), settings.port(), false);
    }

    private static Ticker ticker(InstantSource clock) {
        return () -> {
            Instant now = clock.instant();
            return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        };
    }
}
