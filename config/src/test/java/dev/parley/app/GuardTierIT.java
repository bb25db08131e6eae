package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.Outcome;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The guard tier in the real pipeline, on a generated model: its random weights never answer in
 * Llama Guard's format, so every text is "unavailable" for it, which a fail-closed policy blocks.
 */
@SpringBootTest(properties = {
    "parley.console.enabled=false",
    "parley.model.context-size=256",
    "parley.model.max-new-tokens=8",
    "parley.moderation.guard.when=always",
    "parley.moderation.guard.context-size=1024",
    "parley.moderation.guard.threads=1",
    "parley.moderation.on-failure=fail_closed",
    "spring.datasource.url=jdbc:h2:mem:guard-tier;DB_CLOSE_DELAY=-1"
})
class GuardTierIT {

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) {
        registry.add("parley.model.path", GeneratedModels::tinyModel);
        registry.add("parley.moderation.guard.model-path", GeneratedModels::tinyModel);
    }


    @Autowired
    ChatPipeline pipeline;

    @Test
    void aGuardThatCannotAnswerBlocksUnderAFailClosedPolicy() {
        var message = new InboundMessage("m1", new Location(Platform.CONSOLE, "guard-it", "c", null),
                new Author("user-1", "Ada", Set.of(), false, false), "hello there", null, false, true, Instant.now());
        var sink = new RecordingSink();

        Outcome outcome = pipeline.handle(message, sink).join();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Blocked.class, blocked -> {
            assertThat(blocked.direction()).isEqualTo(Direction.INPUT);
            assertThat(blocked.verdict().category()).isEqualTo(ModerationPolicy.UNAVAILABLE_CATEGORY);
            assertThat(blocked.verdict().reason()).contains("guard");
        });
        assertThat(sink.notices).extracting(Notice::kind).containsExactly(Notice.Kind.INPUT_BLOCKED);
    }
}
