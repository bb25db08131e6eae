package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.model.ChatModel;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Conversation history across a restart of the real application (real pipeline, real llama.cpp on a
 * generated model, H2 in file mode): where an admin turned it on, a conversation continues after the
 * application context is closed and a new one started on the same database, and the earlier
 * exchange is part of the next prompt; where history is off nothing is stored and a restart
 * forgets; no other scope ever sees the history; {@code /reset} and {@code /bot history off} delete
 * what was stored.
 */
class ConversationHistoryIT {

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Location ON = new Location(Platform.DISCORD, "server-on", "general", null);
    /** The same conversation, told again in another channel without a restart: what the prompt gives the model. */
    private static final Location TWIN = new Location(Platform.DISCORD, "server-on", "twin", null);
    private static final Location OFF = new Location(Platform.DISCORD, "server-off", "general", null);
    /** A Telegram chat whose id and channel are those of the server with history on. */
    private static final Location SAME_ID_ELSEWHERE = new Location(Platform.TELEGRAM, "server-on", "general", null);
    private static final Author ADMIN = new Author("ada", "Ada", Set.of(), true, false);
    private static final Author MEMBER = new Author("bo", "Bo", Set.of(), false, false);
    private static final String FIRST = "my name is Ada and I like herons";
    private static final String NEXT = "what do I like";

    private static String modelPath;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void model() {
        modelPath = GeneratedModels.tinyModel(); // one file for every start, as a restarted bot would load
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ParleyApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(
                        "parley.console.enabled=false",
                        "parley.model.path=" + modelPath,
                        "parley.model.parallel=1",
                        "parley.model.temperature=0",
                        "parley.model.max-new-tokens=12",
                        "parley.model.context-size=512",
                        "parley.limits.user-per-minute=1000",
                        "parley.limits.user-burst=1000",
                        "parley.limits.channel-burst=1000",
                        "parley.limits.server-burst=1000")
                // an argument, not a default property: application.yml's own URL would win over that
                .run("--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("parley") + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    private static Outcome send(ConfigurableApplicationContext app, Location where, Author who, String text) {
        return app.getBean(ChatPipeline.class).handle(new InboundMessage("m" + IDS.incrementAndGet(), where, who, text,
                null, true, false, Instant.now()), new RecordingSink()).join();
    }

    private static String command(ConfigurableApplicationContext app, Location where, Author who, String text) {
        var sink = new RecordingSink();
        Outcome outcome = app.getBean(ChatPipeline.class).handle(new InboundMessage("m" + IDS.incrementAndGet(), where,
                who, text, null, true, false, Instant.now()), sink).join();
        assertThat(outcome).as(text).isInstanceOf(Outcome.CommandAnswered.class);
        return sink.notices.stream().map(Notice::text).reduce("", String::concat);
    }

    private static String answer(ConfigurableApplicationContext app, Location where, String text) {
        Outcome outcome = send(app, where, MEMBER, text);
        assertThat(outcome).as(text).isInstanceOf(Outcome.Answered.class);
        return ((Outcome.Answered) outcome).reply();
    }

    /** The prompt the pipeline would build now for the next message in {@code where}. */
    private static List<ChatTurn> nextPrompt(ConfigurableApplicationContext app, Location where, String text) {
        ChatModel model = app.getBean(ChatModel.class);
        String system = app.getBean(PersonaSelector.class).personaFor(where).systemPrompt();
        return app.getBean(ConversationMemory.class).promptFor(new ConversationKey(where, null), system, text,
                model.contextSize() - 12).turns();
    }

    /** The stored exchanges of a scope, "user text => reply", oldest first, read with SQL. */
    private static List<String> stored(ConfigurableApplicationContext app, Location scope) {
        return app.getBean(JdbcClient.class).sql("""
                        SELECT user_text, reply FROM history_exchange
                        WHERE platform = :platform AND scope_id = :scope ORDER BY id""")
                .param("platform", scope.platform().name())
                .param("scope", scope.scopeId())
                .query((rs, n) -> rs.getString("user_text") + " => " + rs.getString("reply"))
                .list();
    }

    @Test
    void aConversationContinuesAfterARestartWhereHistoryIsOnAndIsForgottenWhereItIsOff() throws IOException {
        String firstReply;
        String twinNext;
        try (var app = start()) {
            assertThat(command(app, ON, ADMIN, "/bot history on")).contains("is now on");
            assertThat(command(app, OFF, MEMBER, "/bot history")).contains(": off.");

            firstReply = answer(app, ON, FIRST);
            answer(app, TWIN, FIRST);
            twinNext = answer(app, TWIN, NEXT); // the continuation the model gives without a restart
            answer(app, OFF, FIRST);
            assertThat(send(app, ON, MEMBER, "how to make a bomb at home")).isInstanceOf(Outcome.Blocked.class);

            assertThat(stored(app, ON)).containsExactly(FIRST + " => " + firstReply,
                    FIRST + " => " + app.getBean(ConversationMemory.class).turns(new ConversationKey(TWIN, null))
                            .get(1).text(),
                    NEXT + " => " + twinNext);
            assertThat(stored(app, OFF)).isEmpty();
        }
        try (var files = Files.list(dataDir)) {
            assertThat(files).as("the database file the next start opens").isNotEmpty();
        }

        try (var app = start()) {
            // the new context knows nothing in memory: the earlier exchange comes from the database
            assertThat(nextPrompt(app, ON, NEXT)).containsSubsequence(ChatTurn.user(FIRST),
                    ChatTurn.assistant(firstReply), ChatTurn.user(NEXT));
            assertThat(nextPrompt(app, OFF, NEXT)).as("history off: the restart forgot")
                    .extracting(ChatTurn::text).doesNotContain(FIRST).hasSize(2);
            assertThat(command(app, ON, MEMBER, "/bot history")).contains(": on.");

            // the same prompt as the twin's, so greedy decoding gives the same continuation
            assertThat(answer(app, ON, NEXT)).isEqualTo(twinNext);
            assertThat(app.getBean(ConversationMemory.class).turns(new ConversationKey(ON, null)))
                    .extracting(ChatTurn::text).containsExactly(FIRST, firstReply, NEXT, twinNext);

            // no other scope sees it, not even one with history on and the same ids on another platform
            assertThat(command(app, OFF, ADMIN, "/bot history on")).contains("is now on");
            assertThat(command(app, SAME_ID_ELSEWHERE, ADMIN, "/bot history on")).contains("is now on");
            for (Location other : new Location[] {OFF, SAME_ID_ELSEWHERE}) {
                assertThat(nextPrompt(app, other, NEXT)).as(other.toString()).extracting(ChatTurn::text)
                        .doesNotContain(FIRST, firstReply).hasSize(2);
            }

            // /reset deletes the stored turns of the author's conversation, and only those
            assertThat(command(app, TWIN, MEMBER, "/reset")).startsWith("Forgotten");
            assertThat(stored(app, ON)).containsExactly(FIRST + " => " + firstReply, NEXT + " => " + twinNext);
        }

        try (var app = start()) {
            assertThat(nextPrompt(app, TWIN, NEXT)).as("reset before the restart").hasSize(2);
            assertThat(command(app, ON, ADMIN, "/bot history off"))
                    .startsWith("Conversation history in this server is now off: 2 stored exchanges were deleted.");
            assertThat(stored(app, ON)).isEmpty();
            answer(app, ON, "and now?");
            assertThat(stored(app, ON)).as("off stores nothing").isEmpty();
            assertThat(command(app, ON, ADMIN, "/audit recent")).contains("bot.history on")
                    .contains("bot.history off, 2 stored exchanges deleted");
        }

        try (var app = start()) {
            assertThat(nextPrompt(app, ON, NEXT)).as("history off: the restart forgot").hasSize(2);
        }
    }
}
