package dev.parley.telegram;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Receives TelegramBots' batches of updates and confirms to Telegram only the updates handed to
 * the core, so that a restart neither loses an update nor gets one it already handled.
 *
 * <p>TelegramBots confirms an update by asking for the next ones with a higher {@code offset};
 * its own generator would confirm everything received. Here the offset stops below the first
 * update still being handed over. Each batch is handed over on virtual threads, one per chat (in
 * order within a chat), and the polling thread waits only for that hand-over, which is short:
 * answering happens later, on the core's threads.
 */
final class UpdateIntake implements LongPollingUpdateConsumer, Function<Integer, GetUpdates> {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateIntake.class);
    private static final Duration HAND_OVER_WAIT = Duration.ofSeconds(5);

    private final Consumer<Update> handler;
    private final IntConsumer handedOver;
    private final ExecutorService lanes;
    private final int pollTimeoutSeconds;
    private final TreeSet<Integer> inProgress = new TreeSet<>();
    private int highestReceived;
    private int lastKept;
    private boolean closed;

    UpdateIntake(Consumer<Update> handler, ExecutorService lanes, Duration pollTimeout) {
        this(handler, lanes, pollTimeout, 0, offset -> {});
    }

    /**
     * An intake that polls from {@code firstOffset} (0: from whatever Telegram has not had
     * confirmed) and tells {@code handedOver} the offset below which every update was handed to
     * the core, after each batch, so it can be kept for a restart after a crash.
     */
    UpdateIntake(Consumer<Update> handler, ExecutorService lanes, Duration pollTimeout, int firstOffset,
            IntConsumer handedOver) {
        this.handler = handler;
        this.lanes = lanes;
        this.pollTimeoutSeconds = (int) pollTimeout.toSeconds();
        this.handedOver = handedOver;
        this.highestReceived = Math.max(0, firstOffset - 1);
        this.lastKept = firstOffset;
    }

    /** The next long poll; its offset confirms exactly the updates handed over. */
    @Override
    public GetUpdates apply(Integer ignoredLastReceived) {
        return GetUpdates.builder().offset(confirmedOffset()).limit(100).timeout(pollTimeoutSeconds)
                .allowedUpdates(TelegramReactions.ALLOWED_UPDATES).build();
    }

    /** The offset that confirms every update handed over and none still in hand. */
    synchronized int confirmedOffset() {
        return inProgress.isEmpty() ? highestReceived + 1 : inProgress.first();
    }

    @Override
    public void consume(List<Update> updates) {
        take(updates);
    }

    /**
     * Hands {@code updates} over and waits (a few seconds at most) until they are; false, and
     * nothing taken, once closing: the updates stay unconfirmed, so the next start gets them.
     */
    boolean take(List<Update> updates) {
        Map<Long, List<Update>> byChat = new LinkedHashMap<>();
        synchronized (this) {
            if (closed) {
                return false;
            }
            for (Update update : updates) {
                inProgress.add(update.getUpdateId());
                highestReceived = Math.max(highestReceived, update.getUpdateId());
                byChat.computeIfAbsent(chatOf(update), c -> new java.util.ArrayList<>()).add(update);
            }
        }
        CompletableFuture<?>[] lanesDone = byChat.values().stream()
                .map(lane -> CompletableFuture.runAsync(() -> lane.forEach(this::handOver), lanes))
                .toArray(CompletableFuture[]::new);
        awaitHandOver(CompletableFuture.allOf(lanesDone));
        keepOffset();
        return true;
    }

    /** Tells the keeper how far updates were handed over, when that moved on since it was last told. */
    private void keepOffset() {
        int offset;
        synchronized (this) {
            offset = confirmedOffset();
            if (offset <= lastKept) {
                return;
            }
            lastKept = offset;
        }
        try {
            handedOver.accept(offset);
        } catch (RuntimeException e) {
            // polling goes on: after a crash, updates since the last kept offset may be delivered again
            LOG.warn("could not keep the Telegram update offset {}: {}", offset, e.getClass().getName());
        }
    }

    private void handOver(Update update) {
        try {
            handler.accept(update);
        } catch (RuntimeException e) {
            // one bad update must not stop the others; it counts as handled so it is not retried forever
            LOG.error("update " + update.getUpdateId() + " could not be handled", e);
        } finally {
            synchronized (this) {
                inProgress.remove(update.getUpdateId());
                notifyAll();
            }
        }
    }

    /** Waits for the batch, or (for an empty batch) for what is still in hand, at most a few seconds. */
    private void awaitHandOver(CompletableFuture<?> batch) {
        try {
            batch.get(HAND_OVER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            synchronized (this) {
                long deadline = System.nanoTime() + HAND_OVER_WAIT.toNanos();
                while (!inProgress.isEmpty() && System.nanoTime() < deadline) {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            }
        } catch (TimeoutException e) {
            LOG.warn("handing updates to the core takes longer than {}", HAND_OVER_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // polling is being stopped
        } catch (ExecutionException e) {
            LOG.error("handing updates over failed", e.getCause());
        }
    }

    /** Stops taking updates and waits (at most {@code timeout}) for those in hand; the offset to confirm with. */
    int close(Duration timeout) throws InterruptedException {
        synchronized (this) {
            closed = true;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!inProgress.isEmpty() && System.nanoTime() < deadline) {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        }
        keepOffset();
        return confirmedOffset();
    }

    private static long chatOf(Update update) {
        for (Message message : java.util.Arrays.asList(update.getMessage(), update.getEditedMessage(),
                update.getChannelPost(), update.getEditedChannelPost())) {
            if (message != null && message.getChatId() != null) {
                return message.getChatId();
            }
        }
        if (update.getMessageReaction() != null && update.getMessageReaction().getChat() != null) {
            return update.getMessageReaction().getChat().getId();
        }
        return 0; // updates of other kinds share one lane
    }
}
