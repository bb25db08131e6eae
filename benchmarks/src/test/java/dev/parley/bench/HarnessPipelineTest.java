package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.parley.bench.queue.FixedLatencyModel;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.Direction;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.Outcome;
import dev.parley.core.pipeline.ReplySink;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.settings.ScopeKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HarnessPipelineTest {

    /** What the pipeline showed the user: notices and the completed reply. */
    private final List<String> shown = new CopyOnWriteArrayList<>();
    private final ReplySink sink = new ReplySink() {
        @Override
        public void notice(Notice notice) {
            shown.add("notice");
        }

        @Override
        public void progress(String visibleSoFar) {}

        @Override
        public void complete(String reply) {
            shown.add(reply);
        }

        @Override
        public void withdraw(Notice replacement) {}
    };

    private final FixedLatencyModel model = new FixedLatencyModel(1, 0);
    private final InferenceQueue queue = new InferenceQueue(1, 10);

    private final ConversationMemory memory = new ConversationMemory(model,
            new MemoryLimits(10_000, Duration.ofHours(1), 40, 8), Ticker.systemTicker());
    private final RateLimit unlimited = new RateLimit(1_000_000, 1_000_000);
    private final ScopeLimits limits = new ScopeLimits(unlimited, unlimited, unlimited);
    private final InstantSource clock = InstantSource.system();

    HarnessPipelineTest() {
        model.open();
    }

    @AfterEach
    void closeQueue() {
        queue.close();
    }

    private static InboundMessage message(String text) {
        return new InboundMessage("m1", new Location(Platform.DISCORD, "server", "channel", null),
                new Author("user", "User", Set.of(), false, false), text, null, true, false,
                Instant.now());
    }

    @Test
    void theHarnessPipeline_answersThroughTheModel() {
        ChatPipeline pipeline = HarnessPipeline.of(model, queue, memory, new InMemoryAuditLog(), limits, 3, clock);

        Outcome outcome = pipeline.handle(message("what will the weather be tomorrow?"), sink).join();

        assertThat(outcome).isInstanceOf(Outcome.Answered.class);
        assertThat(shown).containsExactly("Here is an answer.");
    }

    @Test
    void standardModeration_blocksItsDefaultTermsInThePipelineAndDirectly() {
        var moderation = HarnessPipeline.Moderation.standard(0, List.of("spoiler"));

        ChatPipeline pipeline = HarnessPipeline.of(moderation,
                new RateLimiter(clock, Ticker.systemTicker(), Duration.ofMinutes(10), 1000), model, queue, memory,
                new InMemoryAuditLog(), limits, 3, clock);

        Outcome outcome = pipeline.handle(message("a spoiler for you"), sink).join();

        assertThat(outcome).isInstanceOf(Outcome.Blocked.class);
        var policy = moderation.policies().forScope(new ScopeKey(Platform.DISCORD, "server"));
        assertThat(moderation.moderator().moderate("a spoiler for you", Direction.INPUT, policy).blocked()).isTrue();
        assertThat(moderation.moderator().moderate("the weather", Direction.INPUT, policy).blocked()).isFalse();
    }
}
