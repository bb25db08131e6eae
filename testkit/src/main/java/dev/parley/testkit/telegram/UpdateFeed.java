package dev.parley.testkit.telegram;

import static dev.parley.testkit.telegram.BotApiCall.error;
import static dev.parley.testkit.telegram.BotApiCall.number;
import static dev.parley.testkit.telegram.BotApiCall.ok;

import dev.parley.testkit.json.Json;
import dev.parley.testkit.telegram.BotApiCall.BadRequest;
import dev.parley.testkit.telegram.BotApiCall.Reply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * How the fake hands updates to the bot: the queue of updates not yet confirmed, taken either by
 * {@code getUpdates} long polls (a newer poll ends the one waiting, an offset confirms what lies
 * below it) or, once {@code setWebhook} names a URL, posted there one at a time until answered
 * 2xx. Guarded by the server's lock; every change signals the server's condition, so the server's
 * {@code await} sees it.
 */
final class UpdateFeed {

    private static final long FIRST_UPDATE_ID = 500_001;
    /** How long the fake waits before posting an update again after the webhook failed. */
    private static final Duration WEBHOOK_RETRY = Duration.ofMillis(200);

    private final ReentrantLock lock;
    private final Condition changed;
    private final ArrayDeque<Map<String, Object>> unconfirmed = new ArrayDeque<>();
    private final List<WebhookDelivery> deliveries = new ArrayList<>();
    private @Nullable URI webhookUrl;
    private @Nullable String webhookSecret;
    private @Nullable Thread webhookSender;
    private long nextUpdateId = FIRST_UPDATE_ID;
    private long pollGeneration;
    private int waitingPolls;
    private boolean closed;

    UpdateFeed(ReentrantLock lock, Condition changed) {
        this.lock = lock;
        this.changed = changed;
    }

    /** Queues an update of {@code kind} ({@code message}, {@code edited_message}...) holding {@code payload}; its id. */
    long add(String kind, Map<String, Object> payload) {
        lock.lock();
        try {
            long updateId = nextUpdateId++;
            Map<String, Object> update = new LinkedHashMap<>();
            update.put("update_id", updateId);
            update.put(kind, payload);
            unconfirmed.addLast(update);
            changed.signalAll();
            return updateId;
        } finally {
            lock.unlock();
        }
    }

    /** Ids of the updates not yet confirmed. */
    List<Long> unconfirmedIds() {
        lock.lock();
        try {
            return unconfirmed.stream().map(u -> (Long) u.get("update_id")).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a {@code getUpdates} long poll is waiting. */
    boolean polling() {
        lock.lock();
        try {
            return waitingPolls > 0;
        } finally {
            lock.unlock();
        }
    }

    /** Ends waiting polls (they answer with what they have) and the webhook's sender. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
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
    Reply setWebhook(Map<String, @Nullable Object> params) {
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

    Reply deleteWebhook() {
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
    List<WebhookDelivery> deliveries() {
        lock.lock();
        try {
            return List.copyOf(deliveries);
        } finally {
            lock.unlock();
        }
    }

    /** The webhook set with {@code setWebhook}, or null while updates are fetched with {@code getUpdates}. */
    @Nullable URI webhookUrl() {
        lock.lock();
        try {
            return webhookUrl;
        } finally {
            lock.unlock();
        }
    }

    /** {@code getUpdates}: a long poll for the updates from {@code offset} on; 409 while a webhook is set. */
    Reply getUpdates(Map<String, @Nullable Object> params) {
        if (webhookSet()) {
            return new Reply(409, error(409, "Conflict: can't use getUpdates method while webhook is active;"
                    + " use deleteWebhook to delete the webhook first"));
        }
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
}
