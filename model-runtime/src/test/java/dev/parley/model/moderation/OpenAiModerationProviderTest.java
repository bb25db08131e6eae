package dev.parley.model.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.moderation.Assessment;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationRequest;
import dev.parley.core.moderation.ModerationUnavailableException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenAiModerationProviderTest {

    private static final String KEY = "sk-test-0123456789";
    private static final String TEXT = "I will find you and hurt you";

    /** An answer in the shape of OpenAI's omni-moderation-latest. */
    private static final String FLAGGED = """
            {
              "id": "modr-970d409ef3bef3b70c73d8232df86e7d",
              "model": "omni-moderation-latest",
              "results": [
                {
                  "flagged": true,
                  "categories": {
                    "sexual": false, "sexual/minors": false, "harassment": true, "harassment/threatening": true,
                    "hate": false, "hate/threatening": false, "illicit": false, "illicit/violent": false,
                    "self-harm": false, "self-harm/intent": false, "self-harm/instructions": false,
                    "violence": true, "violence/graphic": false
                  },
                  "category_scores": {
                    "sexual": 2.34e-7, "sexual/minors": 1.6e-7, "harassment": 0.8189, "harassment/threatening": 0.8045,
                    "hate": 0.0093, "hate/threatening": 0.0021, "illicit": 0.0053, "illicit/violent": 0.0041,
                    "self-harm": 0.0003, "self-harm/intent": 0.0002, "self-harm/instructions": 0.0001,
                    "violence": 0.9971, "violence/graphic": 0.0012,
                    "something/new": 0.99
                  },
                  "category_applied_input_types": {"violence": ["text"], "harassment": ["text"]}
                }
              ]
            }
            """;

    private final FakeModerationServer server;
    private final JsonMapper json = JsonMapper.builder().build();

    OpenAiModerationProviderTest() throws IOException {
        server = new FakeModerationServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiModerationProvider provider(ModerationEndpointSettings settings) {
        return new OpenAiModerationProvider(settings);
    }

    private OpenAiModerationProvider provider() {
        return provider(ModerationEndpointSettings.of(server.baseUrl()).withApiKey(KEY).withTimeout(Duration.ofSeconds(5)));
    }

    private static ModerationRequest request(String text) {
        return new ModerationRequest(text, " " + text.toLowerCase() + " ", Direction.INPUT, null);
    }

    @Test
    void postsTheModelAndTheTextAsWrittenWithTheKeyAsABearerToken() {
        server.answering(200, FLAGGED);

        try (OpenAiModerationProvider provider = provider()) {
            provider.assess(request(TEXT));
        }

        assertThat(server.received()).singleElement().satisfies(received -> {
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.path()).isEqualTo("/v1/moderations");
            assertThat(received.authorization()).isEqualTo("Bearer " + KEY);
            assertThat(received.contentType()).isEqualTo("application/json");
            JsonNode body = json.readTree(received.body());
            assertThat(body.path("model").stringValue()).isEqualTo("omni-moderation-latest");
            assertThat(body.path("input").stringValue()).isEqualTo(TEXT);
            assertThat(body.properties()).hasSize(2);
        });
    }

    @Test
    void sendsNoAuthorizationWithoutAKeyAndTheConfiguredModel() {
        server.answering(200, FLAGGED);

        try (OpenAiModerationProvider provider = provider(ModerationEndpointSettings.of(URI.create(server.baseUrl() + "/v1/"))
                .withModel("text-moderation-stable"))) {
            provider.assess(request("hello"));
        }

        assertThat(server.received()).singleElement().satisfies(received -> {
            assertThat(received.path()).isEqualTo("/v1/moderations");
            assertThat(received.authorization()).isEqualTo("null");
            assertThat(json.readTree(received.body()).path("model").stringValue()).isEqualTo("text-moderation-stable");
        });
    }

    @Test
    void readsEveryCategoryScoreOntoParleysCategoriesIgnoringUnknownOnes() {
        server.answering(200, FLAGGED);

        Assessment assessment;
        try (OpenAiModerationProvider provider = provider()) {
            assessment = provider.assess(request(TEXT));
        }

        assertThat(assessment.scores().score(Category.VIOLENCE)).isEqualTo(0.9971);
        assertThat(assessment.scores().score(Category.HARASSMENT_THREATENING)).isEqualTo(0.8045);
        assertThat(assessment.scores().score(Category.SELF_HARM_INTENT)).isEqualTo(0.0002);
        assertThat(assessment.scores().score(Category.SEXUAL_MINORS)).isEqualTo(1.6e-7);
        assertThat(assessment.scores().score(Category.ILLICIT_VIOLENT)).isEqualTo(0.0041);
        assertThat(assessment.reason(Category.VIOLENCE)).isEqualTo("endpoint: omni-moderation-latest flagged it");
        assertThat(assessment.reason(Category.HATE)).isEqualTo("endpoint: omni-moderation-latest scored it");
    }

    @Test
    void aCleanAnswerScoresNothing() {
        server.answering(200, """
                {"id": "modr-1", "model": "omni-moderation-latest", "results": [{"flagged": false,
                 "categories": {"violence": false}, "category_scores": {"violence": 0.0, "hate": 0.0}}]}
                """);

        try (OpenAiModerationProvider provider = provider()) {
            assertThat(provider.assess(request("good morning")).scores().asMap().values()).containsOnly(0.0);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "401 | the API key was refused (HTTP 401)",
        "403 | the API key was refused (HTTP 403)",
        "404 | no such endpoint or model (HTTP 404)",
        "400 | the request was refused (HTTP 400)",
        "500 | the server failed (HTTP 500)",
        "503 | the server failed (HTTP 503)",
    })
    void anErrorStatusIsUnavailableWithoutTheKeyTheTextOrTheServersEcho(int status, String reason) {
        server.answering(status, "{\"error\": {\"message\": \"bad input: " + TEXT + " with key " + KEY + "\"}}");

        try (OpenAiModerationProvider provider = provider()) {
            assertThatThrownBy(() -> provider.assess(request(TEXT)))
                    .isInstanceOf(ModerationUnavailableException.class)
                    .hasMessage("moderation endpoint " + server.baseUrl() + ": " + reason);
        }
    }

    @Test
    void aRateLimitIsUnavailableAndSaysWhenToRetry() {
        server.answering(429, "{\"error\": {\"message\": \"Rate limit reached\"}}").withRetryAfter("20");

        try (OpenAiModerationProvider provider = provider()) {
            assertThatThrownBy(() -> provider.assess(request(TEXT)))
                    .isInstanceOf(ModerationUnavailableException.class)
                    .hasMessageEndingWith(": rate limited (HTTP 429, retry after 20 s)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<html>Bad gateway</html>",
        "{}",
        "{\"results\": []}",
        "{\"results\": [{\"flagged\": true}]}",
        "{\"results\": [{\"category_scores\": {\"violence\": \"high\"}}]}",
    })
    void aMalformedAnswerIsUnavailable(String body) {
        server.answering(200, body);

        try (OpenAiModerationProvider provider = provider()) {
            assertThatThrownBy(() -> provider.assess(request(TEXT)))
                    .isInstanceOf(ModerationUnavailableException.class)
                    .hasMessageStartingWith("moderation endpoint " + server.baseUrl() + ": the ")
                    .message().doesNotContain(TEXT).doesNotContain("\n");
        }
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsUnavailable() {
        server.silent();

        try (OpenAiModerationProvider provider = provider(ModerationEndpointSettings.of(server.baseUrl())
                .withTimeout(Duration.ofMillis(300)))) {
            assertThatThrownBy(() -> provider.assess(request(TEXT)))
                    .isInstanceOf(ModerationUnavailableException.class)
                    .hasMessageEndingWith(": no answer within 300 ms (timed out)");
        }
        // on a busy machine the server may still be reading the request when the client gives up
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.received().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + port);

        try (OpenAiModerationProvider provider = provider(ModerationEndpointSettings.of(nobody).withApiKey(KEY))) {
            assertThatThrownBy(() -> provider.assess(request(TEXT)))
                    .isInstanceOf(ModerationUnavailableException.class)
                    .hasMessageStartingWith("moderation endpoint " + nobody + ": could not connect")
                    .message().doesNotContain(KEY);
        }
    }

    @Test
    void settingsMaskTheKey() {
        ModerationEndpointSettings settings = ModerationEndpointSettings.of(server.baseUrl()).withApiKey(KEY);

        assertThat(settings.toString()).doesNotContain(KEY).contains("apiKey=****");
        assertThat(settings.withApiKey(null).toString()).contains("apiKey=none");
    }

    @Test
    void settingsRefuseAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> ModerationEndpointSettings.of(URI.create("ftp://example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
    }
}
