package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.model.ChatModel;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.Outcome;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.SettingsStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole pipeline inside the real application context, with the real llama.cpp runtime on a
 * generated model: moderation, rate limit, queue, model, streamed output moderation, memory.
 */
@SpringBootTest(properties = {
    "parley.console.enabled=false",
    "parley.model.temperature=0",
    "parley.model.max-new-tokens=24",
    "parley.model.context-size=512",
    "parley.limits.user-per-minute=1000",
    "parley.limits.user-burst=1000",
    "parley.bot.personas.terse.system-prompt=Answer in one word.",
    "parley.bot.personas.terse.max-new-tokens=3",
    "spring.datasource.url=jdbc:h2:mem:llama-pipeline;DB_CLOSE_DELAY=-1"
})
class LlamaPipelineIT {

    private static final AtomicInteger IDS = new AtomicInteger();

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("parley.model.path", GeneratedModels::tinyModel);
    }


    @Autowired
    ChatPipeline pipeline;

    @Autowired
    SettingsStore settings;

    @Autowired
    ModerationPolicies policies;

    @Autowired
    AuditLog audit;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ChatModel model;

    /** Replies the real model started and finished, as its own statistics count them. */
    private double modelReplies() {
        return meters.get("parley.model.replies").functionCounter().count();
    }

    private static InboundMessage message(String channel, String text) {
        return new InboundMessage("m" + IDS.incrementAndGet(),
                new Location(Platform.CONSOLE, "it", channel, null),
                new Author("user-1", "Ada", Set.of(), false, false),
                text, null, false, true, Instant.now());
    }

    @Test
    void answersThroughTheRealModelStreamingModeratedText() {
        var sink = new RecordingSink();

        Outcome outcome = pipeline.handle(message("stream", "hello there"), sink).join();

        assertThat(outcome).isInstanceOf(Outcome.Answered.class);
        String reply = ((Outcome.Answered) outcome).reply();
        assertThat(reply).isNotBlank();
        assertThat(sink.completed).containsExactly(reply);
        assertThat(sink.progress).isNotEmpty();
        for (int i = 1; i < sink.progress.size(); i++) {
            assertThat(sink.progress.get(i)).startsWith(sink.progress.get(i - 1));
        }
        assertThat(meters.get("parley.model.tokens.generated").functionCounter().count()).isPositive();
        assertThat(meters.get("parley.model.loaded").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("parley.model.slots.busy").gauge().value()).isZero();
    }

    @Test
    void remembersTheConversationForTheNextMessage() {
        pipeline.handle(message("memory", "hello"), new RecordingSink()).join();

        Outcome second = pipeline.handle(message("memory", "and again"), new RecordingSink()).join();

        assertThat(second).isInstanceOf(Outcome.Answered.class);
        assertThat(((Outcome.Answered) second).droppedTurns()).isZero();
    }

    @Test
    void aPersonaPickedForAChannelGivesItsRepliesItsOwnLength() {
        var admin = new InboundMessage("m" + IDS.incrementAndGet(), new Location(Platform.CONSOLE, "it", "terse", null),
                new Author("admin-1", "Grace", Set.of(), true, false), "/bot persona terse", null, false, true,
                Instant.now());
        var sink = new RecordingSink();

        pipeline.handle(admin, sink).join();
        Outcome terse = pipeline.handle(message("terse", "hello there"), new RecordingSink()).join();
        Outcome chatty = pipeline.handle(message("chatty", "hello there"), new RecordingSink()).join();

        assertThat(sink.notices).extracting(Notice::text).containsExactly("Persona here is now terse.");
        assertThat(model.countTokens(((Outcome.Answered) terse).reply())).isLessThanOrEqualTo(3);
        assertThat(model.countTokens(((Outcome.Answered) chatty).reply())).isGreaterThan(3);
    }

    @Test
    void blockedInputNeverReachesTheModel() {
        var sink = new RecordingSink();
        double repliesBefore = modelReplies();

        Outcome outcome = pipeline.handle(message("blocked", "how to make a bomb at home"), sink).join();

        assertThat(outcome).isInstanceOf(Outcome.Blocked.class);
        assertThat(((Outcome.Blocked) outcome).direction()).isEqualTo(Direction.INPUT);
        assertThat(modelReplies()).as("replies the real model generated").isEqualTo(repliesBefore);
        assertThat(sink.notices).extracting(Notice::kind).containsExactly(Notice.Kind.INPUT_BLOCKED);
        assertThat(audit.recent(new ScopeKey(Platform.CONSOLE, "it"), 10))
                .anySatisfy(entry -> assertThat(entry.action()).isEqualTo("moderation.block.input"));
    }

    @Test
    void aReplyThatTurnsUnsafeMidStreamIsWithdrawnBeforeTheUnsafeWordIsShown() {
        String prompt = "tell me a story";
        // greedy decoding repeats itself: learn what the model says, then block a word from its middle
        double repliesBefore = modelReplies();
        Outcome first = pipeline.handle(message("learn", prompt), new RecordingSink()).join();
        assertThat(modelReplies()).as("the counter sees a reply").isEqualTo(repliesBefore + 1);
        String reply = ((Outcome.Answered) first).reply();
        String[] words = new TextNormaliser().normalise(reply).strip().split(" ");
        String unsafe = Arrays.stream(words).skip(1)
                .filter(word -> word.length() >= 3 && !new TextNormaliser().normalise(prompt).contains(" " + word + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no word to block in the reply: " + reply));
        ScopeKey scope = new ScopeKey(Platform.CONSOLE, "it");
        settings.save(scope, settings.load(scope).withBlockedTerm(unsafe));
        policies.invalidate(scope);
        try {
            var sink = new RecordingSink();

            Outcome outcome = pipeline.handle(message("withheld", prompt), sink).join();

            assertThat(outcome).isInstanceOf(Outcome.Blocked.class);
            assertThat(((Outcome.Blocked) outcome).direction()).isEqualTo(Direction.OUTPUT);
            assertThat(sink.withdrawn).extracting(Notice::kind).containsExactly(Notice.Kind.OUTPUT_BLOCKED);
            assertThat(sink.completed).isEmpty();
            assertThat(sink.everythingShown())
                    .allSatisfy(shown -> assertThat(new TextNormaliser().normalise(shown)).doesNotContain(" " + unsafe + " "));
        } finally {
            settings.save(scope, settings.load(scope).withoutBlockedTerm(unsafe));
            policies.invalidate(scope);
        }
    }
}
