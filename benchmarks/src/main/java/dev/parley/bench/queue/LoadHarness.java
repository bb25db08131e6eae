package dev.parley.bench.queue;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parley.bench.HarnessPipeline;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.conversation.Platform;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.Outcome;
import dev.parley.core.pipeline.ReplySink;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueSettings;
import dev.parley.core.queue.QueueStats;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.ScopeLimits;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jspecify.annotations.Nullable;

/**
 * Drives the whole pipeline (moderation with the local tier, rate limits, the fair queue, the
 * conversation memory) with a burst of messages from many equally active users across servers,
 * in front of a model stand-in of fixed latency that starts answering once the whole burst is in
 * (the first {@code slots} requests hold the slots meanwhile), and prints: messages lost (no answer and no
 * notice) and answered twice (both must be 0), outcomes by kind, the fairness measure (largest
 * over smallest count of answers among users, at the end and when half the answers were given),
 * queue waits, and heap used.
 *
 * <pre>
 * java -Xmx256m -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.queue.LoadHarness
 *     [--users 1000] [--servers 10] [--messages 20000] [--slots 4] [--latency-us 200]
 *     [--capacity 20000] [--per-user 20] [--limited] [--senders 4] [--seed 42]
 * </pre>
 * {@code --limited} uses the configured defaults instead of no rate limits (6 per minute, burst 3
 * per user; 20/10 per channel; 60/20 per server): most of the burst is then refused with notices.
 */
public final class LoadHarness {

    private record Options(int users, int servers, int messages, int slots, long latencyMicros, int capacity,
            int perUser, boolean limited, int senders, long seed) {

        static Options parse(String[] args) {
            Map<String, String> given = new TreeMap<>();
            boolean limited = false;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--limited")) {
                    limited = true;
                } else if (args[i].startsWith("--") && i + 1 < args.length) {
                    given.put(args[i].substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            return new Options(number(given, "users", 1000), number(given, "servers", 10),
                    number(given, "messages", 20_000), number(given, "slots", 4), number(given, "latency-us", 200),
                    number(given, "capacity", 20_000), number(given, "per-user", 20), limited,
                    number(given, "senders", 4), number(given, "seed", 42));
        }

        private static int number(Map<String, String> given, String name, int fallback) {
            return Integer.parseInt(given.getOrDefault(name, String.valueOf(fallback)));
        }
    }

    /** Counts, per message, what the sink was told: answers and notices. */
    private static final class Tally {
        final AtomicIntegerArray completes;
        final AtomicIntegerArray notices;
        final AtomicIntegerArray answersPerUser;
        final AtomicInteger answered = new AtomicInteger();
        final int halfway;
        volatile int @Nullable [] atHalf;

        Tally(int messages, int users, int halfway) {
            completes = new AtomicIntegerArray(messages);
            notices = new AtomicIntegerArray(messages);
            answersPerUser = new AtomicIntegerArray(users);
            this.halfway = halfway;
        }

        ReplySink sinkFor(int message, int user) {
            return new ReplySink() {
                @Override
                public void notice(Notice notice) {
                    if (notice.kind() != Notice.Kind.QUEUED) {
                        notices.incrementAndGet(message);
                    }
                }

                @Override
                public void progress(String visibleSoFar) {}

                @Override
                public void complete(String reply) {
                    completes.incrementAndGet(message);
                    answersPerUser.incrementAndGet(user);
                    if (answered.incrementAndGet() == halfway) {
                        int[] copy = new int[answersPerUser.length()];
                        for (int i = 0; i < copy.length; i++) {
                            copy[i] = answersPerUser.get(i);
                        }
                        atHalf = copy;
                    }
                }

                @Override
                public void withdraw(Notice replacement) {
                    notices.incrementAndGet(message);
                }
            };
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        InstantSource clock = InstantSource.system();
        FixedLatencyModel model = new FixedLatencyModel(options.slots(), options.latencyMicros());
        ConversationMemory memory = new ConversationMemory(model,
                new MemoryLimits(10_000, Duration.ofHours(1), 40, 8), Ticker.systemTicker());
        InMemoryAuditLog audit = new InMemoryAuditLog();
        RateLimit unlimited = new RateLimit(1_000_000, 1_000_000);
        ScopeLimits limits = options.limited()
                ? new ScopeLimits(new RateLimit(6, 3), new RateLimit(20, 10), new RateLimit(60, 20))
                : new ScopeLimits(unlimited, unlimited, unlimited);
        InferenceQueue queue = new InferenceQueue(new QueueSettings(options.slots(), options.capacity(),
                options.perUser(), Duration.ofMinutes(10)), clock);
        ChatPipeline pipeline = HarnessPipeline.of(model, queue, memory, audit, limits, 3, clock);

        // every user sends the same number of messages; the burst arrives shuffled
        int perUserMessages = options.messages() / options.users();
        int total = perUserMessages * options.users();
        List<Author> authors = new ArrayList<>();
        List<Location> homes = new ArrayList<>();
        for (int u = 0; u < options.users(); u++) {
            authors.add(new Author("user-" + u, "User " + u, Set.of(), false, false));
            int server = u % options.servers();
            homes.add(new Location(Platform.DISCORD, "server-" + server, "channel-" + server + "-" + (u / options.servers()) % 5,
                    null));
        }
        List<Integer> order = new ArrayList<>(total);
        for (int m = 0; m < total; m++) {
            order.add(m);
        }
        Collections.shuffle(order, new Random(options.seed()));
        Tally tally = new Tally(total, options.users(), total / 2);
        @SuppressWarnings("unchecked")
        CompletableFuture<Outcome>[] outcomes = new CompletableFuture[total];

        long start = System.nanoTime();
        Thread[] senders = new Thread[options.senders()];
        for (int s = 0; s < senders.length; s++) {
            int first = s;
            senders[s] = Thread.ofVirtual().start(() -> {
                for (int i = first; i < total; i += senders.length) {
                    int m = order.get(i);
                    int user = m % options.users();
                    InboundMessage message = new InboundMessage("msg-" + m, homes.get(user), authors.get(user),
                            "question " + (m / options.users()) + " about the weather in town number " + user,
                            null, true, false, clock.instant());
                    outcomes[m] = pipeline.handle(message, tally.sinkFor(m, user));
                }
            });
        }
        for (Thread sender : senders) {
            sender.join();
        }
        long submittedNanos = System.nanoTime() - start;
        MemoryUsage peakish = heapAfterGc();
        QueueStats atBurst = queue.stats();
        model.open();

        Map<String, Integer> kinds = new TreeMap<>();
        int unfinished = 0;
        boolean[] rateLimited = new boolean[total];
        for (int m = 0; m < total; m++) {
            try {
                Outcome outcome = outcomes[m].get(10, TimeUnit.MINUTES);
                kinds.merge(outcome.getClass().getSimpleName(), 1, Integer::sum);
                rateLimited[m] = outcome instanceof Outcome.RateLimited;
            } catch (Exception e) {
                unfinished++;
            }
        }
        long allNanos = System.nanoTime() - start;
        queue.shutdown(Duration.ofSeconds(10));

        int lost = 0;
        int twice = 0;
        int silenced = 0;
        for (int m = 0; m < total; m++) {
            int told = tally.completes.get(m) + tally.notices.get(m);
            if (told == 0 && rateLimited[m]) {
                silenced++; // by design: one "ask again in N s" per window, not one per message
            } else if (told == 0) {
                lost++;
            } else if (told > 1) {
                twice++;
            }
        }
        int[] finalShares = new int[options.users()];
        for (int u = 0; u < finalShares.length; u++) {
            finalShares[u] = tally.answersPerUser.get(u);
        }
        QueueStats stats = queue.stats();
        MemoryUsage end = heapAfterGc();

        System.out.printf(Locale.ROOT, "users %d, servers %d, messages %d (%d each), slots %d, latency %d us, "
                        + "capacity %d, per-user %d, rate limits %s%n", options.users(), options.servers(), total,
                perUserMessages, options.slots(), options.latencyMicros(), options.capacity(), options.perUser(),
                options.limited() ? "defaults" : "off");
        System.out.printf(Locale.ROOT, "burst submitted in %.2f s; all done in %.2f s (%.0f messages/s end to end)%n",
                submittedNanos / 1e9, allNanos / 1e9, total / (allNanos / 1e9));
        System.out.println("outcomes: " + kinds + (unfinished > 0 ? " unfinished: " + unfinished : ""));
        System.out.printf(Locale.ROOT, "lost (no answer, no notice): %d; answered or told twice: %d; "
                + "rate-limited after the window's one notice: %d%n", lost, twice, silenced);
        System.out.printf(Locale.ROOT, "most streams open at once: %d (slots %d)%n", model.mostOpenAtOnce(),
                options.slots());
        System.out.println("fairness max/min answers per user: at the end " + fairness(finalShares)
                + ", at half the answers " + (tally.atHalf == null ? "n/a" : fairness(tally.atHalf)));
        System.out.printf(Locale.ROOT, "queue: %d waiting right after the burst; started %d, mean wait %.1f ms, "
                        + "longest %.1f ms; refused full %d, per user %d, expired %d%n", atBurst.waiting(),
                stats.started(), stats.started() == 0 ? 0 : stats.totalWait().toNanos() / 1e6 / stats.started(),
                stats.longestWait().toNanos() / 1e6, stats.refusedFull(), stats.refusedPerUser(), stats.expired());
        System.out.printf(Locale.ROOT, "heap used after GC: %.1f MB right after the burst, %.1f MB at the end "
                + "(max %.0f MB)%n", peakish.getUsed() / 1e6, end.getUsed() / 1e6, end.getMax() / 1e6);
        if (tally.atHalf != null) {
            Map<Integer, Integer> histogram = new TreeMap<>();
            for (int share : tally.atHalf) {
                histogram.merge(share, 1, Integer::sum);
            }
            System.out.println("users by answers at half: " + histogram);
        }
        System.exit(lost == 0 && twice == 0 && unfinished == 0 ? 0 : 1);
    }

    private static String fairness(int[] shares) {
        int max = Arrays.stream(shares).max().orElse(0);
        int min = Arrays.stream(shares).min().orElse(0);
        return min == 0 ? max + "/0" : String.format(Locale.ROOT, "%.3f (%d/%d)", (double) max / min, max, min);
    }

    private static MemoryUsage heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    }
}
