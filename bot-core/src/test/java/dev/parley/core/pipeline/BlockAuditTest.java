package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.moderation.Assessment;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryAction;
import dev.parley.core.moderation.CategoryScores;
import dev.parley.core.moderation.CategorySetting;
import dev.parley.core.moderation.FailureMode;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.ModerationProvider;
import dev.parley.core.moderation.ModerationRequest;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueSettings;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import dev.parley.core.testing.Messages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The audit of a block uses the scores the block carries: the blocked text is moderated once, not again for the audit. */
class BlockAuditTest {

    /** A tier that scores "attack" as violence and counts how often it is asked. */
    private static final class CountingTier implements ModerationProvider {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Assessment assess(ModerationRequest request) {
            asked.incrementAndGet();
            return request.normalised().contains("attack")
                    ? new Assessment(CategoryScores.of(Map.of(Category.VIOLENCE, 0.97, Category.HARASSMENT, 0.31)),
                            Map.of(Category.VIOLENCE, "counted: attack"))
                    : Assessment.NONE;
        }
    }

    private final FakeClock clock = new FakeClock();
    private final CountingTier tier = new CountingTier();
    private final TextNormaliser normaliser = new TextNormaliser();
    // no cache: a second moderation would reach the tier again, so the count shows it
    private final Moderator moderator = new Moderator(normaliser, List.of(tier), 0);
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final ModerationPolicies policies = new ModerationPolicies(settings,
            new ModerationDefaults(Map.of(Category.VIOLENCE, new CategorySetting(CategoryAction.BLOCK, 0.5)), List.of(),
                    List.of(), Set.of(Direction.INPUT, Direction.OUTPUT), Set.of(), FailureMode.FAIL_OPEN,
                    "I can't help with that.", "I had to stop that answer.", ModerationDefaults.UNAVAILABLE_NOTICE),
            normaliser);
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ScriptedChatModel model = new ScriptedChatModel(100);
    private final ConversationMemory memory = new ConversationMemory(model,
            new MemoryLimits(100, Duration.ofMinutes(30), 20, 0), clock);
    private final InferenceQueue queue = new InferenceQueue(new QueueSettings(1, 10, 5, Duration.ofMinutes(5)), clock);
    private final PipelineParts parts = new PipelineParts(clock, settings, policies, moderator, queue, model, memory,
            audit);
    private final ChatPipeline pipeline = parts.builder(new PipelineSettings("sys", new GenerationSettings(10, 0f, 1),
            ScopeLimits.perUser(new RateLimit(600, 100)), 500, 100), parts.commands().queue(queue).build()).build();

    @AfterEach
    void close() {
        queue.close();
    }

    @Test
    void record_auditedInputBlock_moderatesTheTextOnceAndAuditsTheScoresThatDecided() {
        Outcome outcome = PipelineFixture.outcome(pipeline.handle(mention(BOB, "I will attack you"), new RecordingReplySink()));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Blocked.class, blocked -> {
            assertThat(blocked.verdict().category()).isEqualTo("violence");
            assertThat(blocked.verdict().scores().score(Category.VIOLENCE)).isEqualTo(0.97);
        });
        assertThat(tier.asked).hasValue(1);
        assertThat(audit.recent(ScopeKey.of(Messages.GENERAL), 10)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("moderation.block.input");
            assertThat(entry.detail()).contains("category=violence", "scores=violence:0.97,harassment:0.31")
                    .doesNotContain("attack");
        });
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void record_auditedOutputBlock_auditsTheScoresTheStreamDecidedWith() {
        model.replies("Then I attack.");

        Outcome outcome = PipelineFixture.outcome(pipeline.handle(mention(BOB, "what next?"), new RecordingReplySink()));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Blocked.class,
                blocked -> assertThat(blocked.direction()).isEqualTo(Direction.OUTPUT));
        assertThat(audit.recent(ScopeKey.of(Messages.GENERAL), 10)).extracting(AuditEntry::action, AuditEntry::detail)
                .singleElement().satisfies(entry -> {
                    assertThat(entry.toList().get(0)).isEqualTo("moderation.block.output");
                    assertThat((String) entry.toList().get(1)).contains("scores=violence:0.97,harassment:0.31");
                });
    }
}
