package dev.parley.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * The adapter's line to Telegram: the two HTTP clients (one for the long poll, one for every other
 * call), the thread TelegramBots polls on, and the way updates arrive, long polling or a webhook
 * ({@link #receive}), until {@link #stopReceiving} and {@link #close}. What the updates mean is
 * {@link UpdateHandling}'s business.
 *
 * <p>Two HTTP clients, because a long poll needs a read timeout longer than the poll itself, and
 * because only the poll's calls may be ended quietly on stop ({@link QuietPollStop}).
 */
final class TelegramConnection implements AutoCloseable {

    // logged under the adapter's name, as before this class was split from it
    private static final Logger LOG = LoggerFactory.getLogger(TelegramAdapter.class);

    private final TelegramSettings settings;
    private final BackOff pollBackOff;
    private final QuietPollStop pollStop = new QuietPollStop();
    private final OkHttpClient pollingHttp;
    private final OkHttpClient sendingHttp;
    private final TelegramClient client;
    private final ScheduledExecutorService poller;

    TelegramConnection(TelegramSettings settings, BackOff pollBackOff) {
        this.settings = settings;
        this.pollBackOff = pollBackOff;
        this.pollingHttp = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
                .addInterceptor(pollStop.emptyAnswerWhenStopping()).addNetworkInterceptor(pollStop.rememberSocket())
                .readTimeout(settings.pollTimeout().plusSeconds(20)).writeTimeout(Duration.ofSeconds(20)).build();
        this.sendingHttp = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30)).writeTimeout(Duration.ofSeconds(30)).build();
        this.client = new OkHttpTelegramClient(sendingHttp, settings.token(), telegramUrl());
        // TelegramBots never shuts down the executor it polls on: the connection owns it
        this.poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("telegram-poll")
                .factory());
    }

    /** The Bot API client every call but the long poll goes through. */
    TelegramClient client() {
        return client;
    }

    /**
     * The bot the token belongs to ({@code getMe}).
     *
     * @throws TelegramStartException if Telegram refuses the token or cannot be reached
     */
    User bot() {
        try {
            return client.execute(new GetMe());
        } catch (TelegramApiException e) {
            String reason = ApiErrors.refused(e) ? "Telegram refused the token (" + ApiErrors.describe(e) + ")"
                    : "could not reach Telegram at " + settings.apiUrl() + " (" + ApiErrors.describe(e) + ")";
            throw new TelegramStartException(reason, e);
        }
    }

    /**
     * Starts handing updates to {@code intake}: on the webhook if the settings name one, else by
     * long polling. On failure nothing is left listening or polling.
     *
     * @param username the bot's, for the log line that says the bot is up
     * @throws TelegramStartException if the webhook cannot listen or is refused, or polling cannot start
     */
    Transport receive(UpdateIntake intake, String username) {
        WebhookSettings webhookSettings = settings.webhook();
        return webhookSettings != null ? listen(webhookSettings, intake, username) : poll(intake, username);
    }

    /** Listens for Telegram's posts, then tells Telegram where to post (which ends any long polling). */
    private Transport.Webhook listen(WebhookSettings webhookSettings, UpdateIntake intake, String username) {
        WebhookReceiver webhook;
        try {
            webhook = new WebhookReceiver(webhookSettings, intake);
        } catch (IOException e) {
            throw new TelegramStartException("could not listen for Telegram's webhook on port " + webhookSettings.port()
                    + ": " + e.getMessage(), e);
        }
        webhook.start();
        try {
            client.execute(SetWebhook.builder().url(webhookSettings.url().toString())
                    .secretToken(webhookSettings.secretToken()).allowedUpdates(TelegramReactions.ALLOWED_UPDATES).build());
        } catch (TelegramApiException e) {
            webhook.close();
            throw new TelegramStartException("Telegram refused the webhook " + webhookSettings.url() + ": "
                    + ApiErrors.describe(e), e);
        }
        LOG.info("Telegram: @{} receives updates at {} (port {})", username, webhookSettings.url(),
                String.valueOf(webhook.port()));
        return new Transport.Webhook(webhook, intake);
    }

    private Transport.Polling poll(UpdateIntake intake, String username) {
        var polling = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> pollingHttp, () -> poller,
                () -> pollBackOff);
        try {
            polling.registerBot(settings.token(), this::telegramUrl, intake, intake);
        } catch (TelegramApiException e) {
            stopQuietly(polling);
            throw new TelegramStartException("could not start polling Telegram: " + ApiErrors.describe(e), e);
        }
        LOG.info("Telegram: polling as @{}", username);
        return new Transport.Polling(polling, intake);
    }

    /**
     * Stops taking updates and waits (up to {@code grace} per step) for those in hand. A webhook
     * refuses new posts first (Telegram posts them again later) and stays set, so Telegram keeps
     * what comes meanwhile for the next start; a long poll is ended, then the updates handed over
     * are confirmed to Telegram, so the next start neither repeats nor loses one.
     */
    void stopReceiving(Transport transport, Duration grace) throws InterruptedException {
        switch (transport) {
            case Transport.Webhook(WebhookReceiver webhook, UpdateIntake intake) -> {
                try {
                    intake.close(grace);
                } finally {
                    webhook.close();
                }
            }
            case Transport.Polling(TelegramBotsLongPollingApplication polling, UpdateIntake intake) -> {
                stopQuietly(polling);
                // not cancelAll(): TelegramBots logs a cancelled poll as an ERROR; this one ends as "no updates"
                pollStop.stop();
                poller.shutdown();
                poller.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
                confirm(intake.close(grace));
            }
        }
    }

    /** Stops the poll thread and releases both HTTP clients' threads and connections. Idempotent. */
    @Override
    public void close() {
        pollStop.stop(); // a poll that outlived stopReceiving (or a failed start) ends as "no updates"
        poller.shutdownNow();
        for (OkHttpClient http : List.of(pollingHttp, sendingHttp)) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private static void stopQuietly(TelegramBotsLongPollingApplication polling) {
        try {
            polling.close();
        } catch (Exception e) {
            LOG.warn("Telegram: stopping the poll failed: {}", e.toString());
        }
    }

    /** Confirms every update below {@code offset} without waiting for new ones. */
    private void confirm(int offset) {
        try {
            client.execute(GetUpdates.builder().offset(offset).limit(1).timeout(0).build());
        } catch (TelegramApiException e) {
            LOG.warn("Telegram: could not confirm handled updates ({}); they may be seen again",
                    ApiErrors.describe(e));
        }
    }

    private TelegramUrl telegramUrl() {
        return new TelegramUrl(settings.apiUrl().getScheme(), settings.apiUrl().getHost(), settings.port(), false);
    }

    /** How updates reach the adapter once started, each way with the intake it feeds. */
    sealed interface Transport {

        UpdateIntake intake();

        /** Whether updates arrive by a long poll that is running now. */
        boolean polling();

        /** Long polling with TelegramBots. */
        record Polling(TelegramBotsLongPollingApplication application, UpdateIntake intake) implements Transport {
            @Override
            public boolean polling() {
                return application.isRunning();
            }
        }

        /** Telegram posts each update to the adapter's own endpoint. */
        record Webhook(WebhookReceiver receiver, UpdateIntake intake) implements Transport {
            @Override
            public boolean polling() {
                return false;
            }
        }
    }
}
