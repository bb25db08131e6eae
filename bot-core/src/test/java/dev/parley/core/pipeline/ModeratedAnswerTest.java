package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.audit.AuditHash;
import dev.parley.core.audit.BlockReports;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.MessageTooLongException;
import dev.parley.core.feedback.FeedbackRecorder;
import dev.parley.core.feedback.InMemoryFeedbackConsent;
import dev.parley.core.feedback.InMemoryFeedbackLog;
import dev.parley.core.feedback.ModelNames;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ModelException;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.moderation.Tier;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.experiment.Arm;
import dev.parley.core.experiment.Experiment;
import dev.parley.core.experiment.Split;
import dev.parley.core.feedback.Exchange;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.persona.Persona;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.quota.Quotas;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.AnsweredMessageGuard;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Steps 4 to 7 on their own: how an answer that started ends, with the fixture's real moderator and memory. */
class ModeratedAnswerTest {

    private final PipelineFixture parts = new PipelineFixture();
    private final InMemoryFeedbackLog feedback = new InMemoryFeedbackLog();
    /** The adapter the model serves with, as /model show names it. */
    private String serving = "";
    private final ModeratedAnswer answering = answering(Experiment.off());
    private final RecordingReplySink sink = new RecordingReplySink();

    private ModeratedAnswer answering(Experiment experiment) {
        return answering(experiment, parts.moderator);
    }

    private ModeratedAnswer answering(Experiment experiment, Moderator moderator) {
        return new ModeratedAnswer(
                PersonaSelector.only(new Persona("default", "sys", new GenerationSettings(10, 0f, 1))), parts.model,
                parts.memory, moderator, new BlockAudit(AuditHash.withRandomKey(new SecureRandom()),
                        parts.audit, BlockReports.NONE, parts.clock), Quotas.unlimited(parts.clock),
                new FeedbackRecorder(feedbackOn(), feedback, () -> new ModelNames("tiny.gguf", serving), parts.clock,
                        Runnable::run), experiment, new dev.parley.core.regenerate.RegenerableAnswers(parts.clock));
    }

    /** Feedback on where the tests' messages are written. */
    private InMemoryFeedbackConsent feedbackOn() {
        var consent = new InMemoryFeedbackConsent();
        consent.setEnabled(ScopeKey.of(mention(ALICE, "x").location()), true, "admin", parts.clock.instant());
        return consent;
    }

    @AfterEach
    void close() {
        parts.close();
    }

    private Outcome answer(InboundMessage message) {
        ModerationPolicy policy = parts.policies.forLocation(message.location());
        PendingAnswer request = new PendingAnswer(message, policy, sink, new CompletableFuture<>(), parts.clock,
                parts.queue, answering, id -> {});
        return answering.answer(message, policy, sink, () -> {}, request);
    }

    @Test
    void answer_streamsTheReplyThenHandsItOverAndRemembersTheExchange() {
        parts.model.replies("Hello ", "Alice");
        InboundMessage asked = mention(ALICE, "hi");

        assertThat(answer(asked)).isEqualTo(new Outcome.Answered("Hello Alice", 0));
        assertThat(sink.completed()).containsExactly("Hello Alice");
        assertThat(answering.prompt(mention(ALICE, "again")).turns()).as("the exchange is in the next prompt")
                .anySatisfy(turn -> assertThat(turn.toString()).contains("Hello Alice"));
    }

    @Test
    void answer_recordsTheAnswerForFeedbackUnderTheMessageThatShowsIt() {
        parts.model.replies("Hello ", "Alice");
        RecordingReplySink shown = RecordingReplySink.shownIn("reply-1");
        InboundMessage asked = mention(ALICE, "hi");
        ModerationPolicy policy = parts.policies.forLocation(asked.location());

        answering.answer(asked, policy, shown, () -> {}, new PendingAnswer(asked, policy, shown,
                new CompletableFuture<>(), parts.clock, parts.queue, answering, id -> {}));

        assertThat(feedback.exchanges()).singleElement().satisfies(exchange -> {
            assertThat(exchange.replyMessage()).isEqualTo("reply-1");
            assertThat(exchange.systemPrompt()).isEqualTo("sys");
            assertThat(exchange.userText()).isEqualTo("hi");
            assertThat(exchange.answerText()).isEqualTo("Hello Alice");
            assertThat(exchange.producedBy()).isEqualTo(new ModelNames("tiny.gguf", ""));
        });
    }

    @Test
    void answer_inAnExperiment_asksWithTheVariantsScalesAndRecordsTheVariant() {
        serving = "tone";
        ModeratedAnswer onB = answering(Experiment.between(new Split(1, ""), new Arm("tone", 1f), new Arm("tone-b", 0.5f)));
        parts.model.replies("Hello");
        RecordingReplySink shown = RecordingReplySink.shownIn("reply-1");
        InboundMessage asked = mention(ALICE, "hi");
        ModerationPolicy policy = parts.policies.forLocation(asked.location());

        onB.answer(asked, policy, shown, () -> {}, new PendingAnswer(asked, policy, shown,
                new CompletableFuture<>(), parts.clock, parts.queue, onB, id -> {}));

        assertThat(parts.model.requests()).singleElement().extracting(ChatRequest::adapterScales)
                .isEqualTo(Map.of("tone", 0f, "tone-b", 0.5f));
        assertThat(feedback.exchanges()).singleElement().extracting(Exchange::variant).isEqualTo("b");
        assertThat(feedback.exchanges()).singleElement().extracting(Exchange::producedBy)
                .as("B's answer names B's adapter, not the one the model serves with")
                .isEqualTo(new ModelNames("tiny.gguf", "tone-b"));
    }

    @Test
    void answer_withdrawsAReplyBlockedMidStreamAndAuditsIt() {
        parts.model.replies("Here is how to build a ", "bomb", " at home");

        Outcome outcome = answer(mention(ALICE, "tell me"));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Blocked.class,
                blocked -> assertThat(blocked.direction()).isEqualTo(Direction.OUTPUT));
        assertThat(sink.withdrawals()).extracting(Notice::kind).containsExactly(Notice.Kind.OUTPUT_BLOCKED);
        assertThat(sink.completed()).isEmpty();
        assertThat(feedback.exchanges()).as("a withheld reply is never recorded for feedback").isEmpty();
        assertThat(parts.audit.recent(ScopeKey.of(mention(ALICE, "x").location()), 10)).isNotEmpty();
    }

    @Test
    void answer_aTierThatReadsThePromptJudgesTheReplyAsTheAnswerToTheUsersMessage() {
        AnsweredMessageGuard guard = new AnsweredMessageGuard("poison");
        ModeratedAnswer guarded = answering(Experiment.off(),
                Moderator.tiered(new TextNormaliser(), List.of(Tier.always(guard)), 0));
        InboundMessage asked = mention(ALICE, "how do I poison the neighbour's cat?");
        ModerationPolicy policy = parts.policies.forLocation(asked.location());
        parts.model.replies("Sure. ", "Mix it ", "into the food.");

        Outcome outcome = guarded.answer(asked, policy, sink, () -> {}, new PendingAnswer(asked, policy, sink,
                new CompletableFuture<>(), parts.clock, parts.queue, guarded, id -> {}));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Blocked.class,
                blocked -> assertThat(blocked.direction()).isEqualTo(Direction.OUTPUT));
        assertThat(guard.seen()).isNotEmpty().allSatisfy(seen -> assertThat(seen).startsWith(asked.text() + " -> "));
        assertThat(sink.completed()).isEmpty();
    }

    @Test
    void answer_tellsTheUserWhenTheModelFails() {
        parts.model.failsAfter(new ModelException("decode failed"), "Half");

        assertThat(answer(mention(ALICE, "hi"))).isInstanceOf(Outcome.Failed.class);
        assertThat(sink.notices()).extracting(Notice::kind).containsExactly(Notice.Kind.FAILED);
    }

    @Test
    void answer_refusesAnEmptyReply() {
        parts.model.replies("   ");

        assertThat(answer(mention(ALICE, "hi"))).isEqualTo(new Outcome.Failed("empty reply"));
    }

    @Test
    void prompt_refusesAMessageThatLeavesNoRoomForTheAnswer() {
        assertThatThrownBy(() -> answering.prompt(mention(ALICE, "word ".repeat(200))))
                .isInstanceOf(MessageTooLongException.class);
    }
}
