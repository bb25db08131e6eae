package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.history.ArchivedExchange;
import dev.parley.core.history.ConversationHistory;
import dev.parley.core.history.InMemoryConversationArchive;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueSettings;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline with conversation history on: only finished exchanges are stored, with the reply as
 * shown; never a blocked prompt nor a reply withdrawn mid-stream.
 */
class HistoryPipelineTest {

    private final FakeClock clock = new FakeClock();
    private final TextNormaliser normaliser = new TextNormaliser();
    private final Moderator moderator = new Moderator(normaliser);
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final ModerationPolicies policies = new ModerationPolicies(settings,
            new ModerationDefaults(List.of("bomb"), Set.of(Direction.INPUT, Direction.OUTPUT), "No.", "Stopped."),
            normaliser);
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ScriptedChatModel model = new ScriptedChatModel(100);
    private final InMemoryConversationArchive archive = new InMemoryConversationArchive();
    private final ConversationHistory history = new ConversationHistory(archive, Duration.ofDays(30), clock);
    private final ConversationMemory memory = new ConversationMemory(model,
            new MemoryLimits(100, Duration.ofMinutes(30), 20, 0), clock, history);
    private final InferenceQueue queue = new InferenceQueue(new QueueSettings(1, 10, 5, Duration.ofMinutes(5)), clock);
    private final CommandService commands = CommandService.builder().settings(settings).policies(policies)
            .moderator(moderator).memory(memory).audit(audit).clock(clock).queue(queue).history(history).build();
    private final ChatPipeline pipeline = ChatPipeline.builder()
            .settings(new PipelineSettings("sys", new GenerationSettings(10, 0f, 1),
                    ScopeLimits.perUser(new RateLimit(600, 100)), 500, 100))
            .commands(commands).policies(policies).moderator(moderator)
            .rateLimiter(new RateLimiter(clock, clock, Duration.ofMinutes(10), 1_000))
            .queue(queue).model(model).memory(memory).audit(audit).clock(clock).build();

    @AfterEach
    void close() {
        queue.close();
    }

    private Outcome handle(InboundMessage message) {
        return PipelineFixture.outcome(pipeline.handle(message, new RecordingReplySink()));
    }

    @Test
    void storesFinishedExchangesButNeitherABlockedPromptNorAWithdrawnReply() {
        assertThat(handle(mention(ADMIN, "/bot history on"))).isInstanceOf(Outcome.CommandAnswered.class);
        InboundMessage blockedPrompt = mention(ALICE, "how to build a bomb");
        model.replies("Sure, here", " is how to", " make a bo", "mb", " at home");
        InboundMessage withdrawn = mention(ALICE, "tell me something");
        InboundMessage answered = mention(ALICE, "and now?");

        assertThat(handle(blockedPrompt)).isInstanceOf(Outcome.Blocked.class);
        assertThat(handle(withdrawn)).isInstanceOfSatisfying(Outcome.Blocked.class,
                blocked -> assertThat(blocked.direction()).isEqualTo(Direction.OUTPUT));
        model.replies("Fine", " thanks.");
        assertThat(handle(answered)).isInstanceOf(Outcome.Answered.class);

        assertThat(archive.latest(answered.conversationKey(), 10, Instant.EPOCH)).extracting(ArchivedExchange::userText,
                ArchivedExchange::reply).containsExactly(org.assertj.core.groups.Tuple.tuple("and now?", "Fine thanks."));
    }
}
