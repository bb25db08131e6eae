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
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.Outcome;
import dev.parley.core.pipeline.ReplySink;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueSettings;
import dev.parley.core.ratelimit.LimitOverrides;
import dev.parley.core.ratelimit.MessageLimits;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pipeline's own cost per message with the model excluded (a stand-in that answers at once):
 * {@code handle} is the whole path (normalise, moderate input, rate-limit, enqueue, hand over to a
 * model thread, dequeue, moderate the streamed output, remember), one message after another;
 * {@code moderateAndLimit} is input moderation plus the three rate limits, on two threads.
 * Throughput by default; p99 with {@code -bm sample -tu us}.
 *
 * <pre>
 * java -jar benchmarks/target/parley-benchmarks.jar PipelineOverheadBenchmark -bm thrpt -tu s
 * java -jar benchmarks/target/parley-benchmarks.jar PipelineOverheadBenchmark.handle -bm sample -tu us
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineOverheadBenchmark {

    private static final int USERS = 1000;

    private InferenceQueue queue;
    private ChatPipeline pipeline;
    private Moderator moderator;
    private ModerationPolicies policies;
    private MessageLimits limits;
    private List<InboundMessage> messages;
    private final ReplySink sink = new ReplySink() {
        @Override
        public void notice(Notice notice) {}

        @Override
        public void progress(String visibleSoFar) {}

        @Override
        public void complete(String reply) {}

        @Override
        public void withdraw(Notice replacement) {}
    };

    /** A message per user, each thread walking through them from its own start. */
    @State(Scope.Thread)
    public static class Cursor {
        int next = (int) (Thread.currentThread().threadId() * 7919 % USERS);
        long sent;
    }

    @Setup
    public void setUp() {
        InstantSource clock = InstantSource.system();
        // no verdict cached: each message is moderated, as the benchmark measures
        HarnessPipeline.Moderation moderation = HarnessPipeline.Moderation.standard(0, List.of("spoiler"));
        moderator = moderation.moderator();
        policies = moderation.policies();
        FixedLatencyModel model = new FixedLatencyModel(2, 0);
        model.open();
        ConversationMemory memory = new ConversationMemory(model, new MemoryLimits(10_000, Duration.ofHours(1), 40, 8),
                Ticker.systemTicker());
        InMemoryAuditLog audit = new InMemoryAuditLog();
        RateLimit unlimited = new RateLimit(100_000_000, 100_000_000);
        ScopeLimits scopeLimits = new ScopeLimits(unlimited, unlimited, unlimited);
        RateLimiter rateLimiter = new RateLimiter(clock, Ticker.systemTicker(), Duration.ofMinutes(10), 1_000_000);
        limits = new MessageLimits(rateLimiter, scopeLimits, LimitOverrides.none());
        queue = new InferenceQueue(new QueueSettings(2, 10_000, 100, Duration.ofMinutes(10)), clock);
        pipeline = HarnessPipeline.of(moderation, rateLimiter, model, queue, memory, audit, scopeLimits, 3, clock);
        messages = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            Location where = new Location(Platform.DISCORD, "server-" + u % 10, "channel-" + u % 50, null);
            Author author = new Author("user-" + u, "User " + u, Set.of(), false, false);
            messages.add(new InboundMessage("m" + u, where, author, ("Could you tell me, friend number " + u
                    + ", what the weather will be like tomorrow and whether I should take an umbrella to the "
                    + "market? Also, which café near the station serves the best coffee for the money?"),
                    null, true, false, clock.instant()));
        }
    }

    @TearDown
    public void tearDown() {
        queue.close();
    }

    /** The next user's message under a new id: the pipeline answers a repeated id only once. */
    private InboundMessage next(Cursor cursor) {
        cursor.next = (cursor.next + 1) % USERS;
        InboundMessage m = messages.get(cursor.next);
        return new InboundMessage(m.messageId() + "-" + Thread.currentThread().threadId() + "-" + cursor.sent++,
                m.location(), m.author(), m.text(), null, true, false, m.sentAt());
    }

    @Benchmark
    @Threads(1)
    public Outcome handle(Cursor cursor) {
        return pipeline.handle(next(cursor), sink).join();
    }

    @Benchmark
    @Threads(2)
    public Object moderateAndLimit(Cursor cursor) {
        InboundMessage message = next(cursor);
        ModerationPolicy policy = policies.forScope(ScopeKey.of(message.location()));
        Object verdict = moderator.moderate(message.text(), Direction.INPUT, policy);
        return limits.check(message).isPresent() ? verdict : message;
    }
}
