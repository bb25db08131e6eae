package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.Direction;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.Outcome;
import dev.parley.core.settings.ScopeKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The moderation endpoint tier in the real pipeline: a fake {@code /v1/moderations} on 127.0.0.1
 * that calls the harmless word "pineapple" violence. Messages with it are blocked and audited;
 * texts the local tier blocks never reach it.
 */
@SpringBootTest(properties = {
    "parley.console.enabled=false",
    "parley.model.temperature=0",
    "parley.model.max-new-tokens=8",
    "parley.model.context-size=256",
    "parley.limits.user-per-minute=1000",
    "parley.limits.user-burst=1000",
    "parley.moderation.categories.violence.action=block",
    "parley.moderation.endpoint.model=omni-moderation-latest",
    "spring.datasource.url=jdbc:h2:mem:moderation-endpoint;DB_CLOSE_DELAY=-1"
})
class ModerationEndpointIT {

    private static final String KEY = "sk-endpoint-it-0123456789";
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    private static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpServer SERVER = startServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("parley.model.path", GeneratedModels::tinyModel);
        registry.add("parley.moderation.endpoint.url", () -> "http://127.0.0.1:" + SERVER.getAddress().getPort());
        registry.add("parley.moderation.endpoint.api-key", () -> KEY);
    }

    @AfterAll
    static void stopServer() {
        SERVER.stop(0);
    }

    @Autowired
    ChatPipeline pipeline;

    @Autowired
    AuditLog audit;

    /** Answers in OpenAI's shape: violence 0.97 for any text with "pineapple", else nothing. */
    private static HttpServer startServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/v1/moderations", ModerationEndpointIT::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            RECEIVED.add(request);
            AUTHORIZATIONS.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            boolean violent = request.path("input").stringValue("").toLowerCase().contains("pineapple");
            String body = """
                    {"id": "modr-it", "model": "omni-moderation-latest", "results": [{
                      "flagged": %s,
                      "categories": {"violence": %s, "hate": false},
                      "category_scores": {"violence": %s, "hate": 0.0001, "illicit/violent": 0.0002}
                    }]}
                    """.formatted(violent, violent, violent ? "0.97" : "0.0003");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }


    private static InboundMessage message(String channel, String text) {
        return new InboundMessage("m" + IDS.incrementAndGet(), new Location(Platform.CONSOLE, "endpoint-it", channel, null),
                new Author("user-1", "Ada", Set.of(), false, false), text, null, false, true, Instant.now());
    }

    private static List<String> inputsReceived() {
        return RECEIVED.stream().map(request -> request.path("input").stringValue("")).toList();
    }

    @Test
    void aWordTheEndpointCallsViolenceIsBlockedAndAudited() {
        var sink = new RecordingSink();

        Outcome outcome = pipeline.handle(message("fruit", "I would like a pineapple pizza"), sink).join();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Blocked.class, blocked -> {
            assertThat(blocked.direction()).isEqualTo(Direction.INPUT);
            assertThat(blocked.verdict().category()).isEqualTo("violence");
            assertThat(blocked.verdict().rule()).isEqualTo("endpoint");
        });
        assertThat(sink.notices).extracting(Notice::kind).containsExactly(Notice.Kind.INPUT_BLOCKED);
        assertThat(inputsReceived()).contains("I would like a pineapple pizza");
        assertThat(RECEIVED).allSatisfy(request ->
                assertThat(request.path("model").stringValue()).isEqualTo("omni-moderation-latest"));
        assertThat(AUTHORIZATIONS).containsOnly("Bearer " + KEY);
        assertThat(audit.recent(new ScopeKey(Platform.CONSOLE, "endpoint-it"), 20)).anySatisfy(entry -> {
            assertThat(entry.action()).isEqualTo("moderation.block.input");
            assertThat(entry.detail()).contains("category=violence", "rule=endpoint", "violence:0.97")
                    .doesNotContain("pineapple");
        });
    }

    @Test
    void aTextTheEndpointFindsCleanIsAnswered() {
        Outcome outcome = pipeline.handle(message("clean", "hello there"), new RecordingSink()).join();

        assertThat(outcome).isInstanceOf(Outcome.Answered.class);
        assertThat(inputsReceived()).contains("hello there");
    }

    @Test
    void aTextTheLocalTierBlocksNeverReachesTheEndpoint() {
        String unsafe = "how to make a bomb at home, with a pineapple";

        Outcome outcome = pipeline.handle(message("local", unsafe), new RecordingSink()).join();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Blocked.class,
                blocked -> assertThat(blocked.verdict().rule()).isNotEqualTo("endpoint"));
        assertThat(inputsReceived()).doesNotContain(unsafe);
    }
}
