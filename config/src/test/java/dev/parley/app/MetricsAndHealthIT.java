package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metrics and health of the real application on its HTTP port: messages handled through the
 * pipeline (real llama.cpp on a generated model) show up as counters, in the Prometheus scrape,
 * and the health endpoint reports the model and the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "parley.console.enabled=false",
    "parley.model.temperature=0",
    "parley.model.max-new-tokens=8",
    "parley.model.context-size=512",
    "parley.limits.user-per-minute=1000",
    "parley.limits.user-burst=1000",
    "spring.datasource.url=jdbc:h2:mem:metrics-health;DB_CLOSE_DELAY=-1"
})
class MetricsAndHealthIT {

    private static final AtomicInteger IDS = new AtomicInteger();

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("parley.model.path", GeneratedModels::tinyModel);
    }


    @LocalServerPort
    int port;

    @Autowired
    ChatPipeline pipeline;

    @Autowired
    MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();

    private static InboundMessage message(Platform platform, String text) {
        return message(platform, "general", text);
    }

    private static InboundMessage message(Platform platform, String channel, String text) {
        return new InboundMessage("m" + IDS.incrementAndGet(), new Location(platform, "metrics", channel, null),
                new Author("user-1", "Ada", Set.of(), false, false), text, null, false, true, Instant.now());
    }

    private double count(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private double functionCount(String name) {
        return meters.get(name).functionCounter().count();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void messagesThroughThePipelineAreCountedByPlatformOutcomeAndBlockCategory() throws Exception {
        double answeredBefore = count("parley.messages.in", "platform", "telegram", "outcome", "answered");
        double outBefore = count("parley.messages.out", "platform", "telegram");
        double blockedBefore = count("parley.messages.in", "platform", "discord", "outcome", "blocked");
        double commandsBefore = count("parley.messages.in", "platform", "discord", "outcome", "command");
        var timer = meters.find("parley.reply.first.visible").tags("platform", "telegram").timer();
        long timedBefore = timer == null ? 0 : timer.count();

        Outcome answered = pipeline.handle(message(Platform.TELEGRAM, "hello there"), new RecordingSink()).join();
        Outcome blocked = pipeline.handle(message(Platform.DISCORD, "how to make a bomb at home"),
                new RecordingSink()).join();
        Outcome command = pipeline.handle(message(Platform.DISCORD, "/help"), new RecordingSink()).join();

        assertThat(answered).isInstanceOf(Outcome.Answered.class);
        assertThat(blocked).isInstanceOf(Outcome.Blocked.class);
        assertThat(command).isInstanceOf(Outcome.CommandAnswered.class);
        String category = ((Outcome.Blocked) blocked).verdict().category();
        assertThat(count("parley.messages.in", "platform", "telegram", "outcome", "answered"))
                .isEqualTo(answeredBefore + 1);
        assertThat(count("parley.messages.out", "platform", "telegram")).isEqualTo(outBefore + 1);
        assertThat(count("parley.messages.in", "platform", "discord", "outcome", "blocked")).isEqualTo(blockedBefore + 1);
        assertThat(count("parley.messages.in", "platform", "discord", "outcome", "command"))
                .isEqualTo(commandsBefore + 1);
        assertThat(count("parley.moderation.blocks", "category", category, "direction", "input")).isPositive();
        assertThat(meters.get("parley.reply.first.visible").tags("platform", "telegram").timer().count())
                .isEqualTo(timedBefore + 1);

        HttpResponse<String> scrape = get("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("parley_messages_in_total{outcome=\"answered\",platform=\"telegram\"}")
                .contains("parley_messages_out_total{platform=\"telegram\"}")
                .contains("parley_moderation_blocks_total{category=\"" + category + "\",direction=\"input\"}")
                .contains("parley_reply_first_visible_seconds_count{platform=\"telegram\"}")
                .contains("parley_queue_waiting")
                .contains("parley_model_tokens_generated_total")
                .contains("parley_model_cache_hits_total")
                .contains("parley_model_cache_misses_total")
                .contains("parley_model_cache_evictions_total")
                .contains("parley_model_cache_prefix_hits_total")
                .contains("parley_model_cache_tokens_reused_total")
                .contains("parley_model_cache_host_hits_total")
                .contains("parley_model_cache_host_evictions_total")
                .contains("parley_model_cache_host_bytes");
    }

    @Test
    void theSecondTurnOfAConversationIsACacheHitThatReusesTheFirst() throws Exception {
        double hitsBefore = functionCount("parley.model.cache.hits");
        double missesBefore = functionCount("parley.model.cache.misses");
        double reusedBefore = functionCount("parley.model.cache.tokens.reused");

        Outcome first = pipeline.handle(message(Platform.TELEGRAM, "cache", "hello there"), new RecordingSink()).join();
        Outcome second = pipeline.handle(message(Platform.TELEGRAM, "cache", "and how are you"), new RecordingSink()).join();

        assertThat(first).isInstanceOf(Outcome.Answered.class);
        assertThat(second).isInstanceOf(Outcome.Answered.class);
        assertThat(functionCount("parley.model.cache.misses")).isEqualTo(missesBefore + 1);
        assertThat(functionCount("parley.model.cache.hits")).isEqualTo(hitsBefore + 1);
        assertThat(functionCount("parley.model.cache.tokens.reused")).isGreaterThan(reusedBefore);
        assertThat(get("/actuator/prometheus").body()).contains("parley_model_cache_hits_total " + (hitsBefore + 1));
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsInTheScrape() throws Exception {
        // counters with tags appear once counted: an answer and a block
        pipeline.handle(message(Platform.TELEGRAM, "hello there"), new RecordingSink()).join();
        pipeline.handle(message(Platform.DISCORD, "how to make a bomb at home"), new RecordingSink()).join();
        Set<String> queried = DashboardMetrics.of(Path.of("..", "ops", "grafana", "parley-dashboard.json"));
        Set<String> scraped = DashboardMetrics.inScrape(get("/actuator/prometheus").body());

        assertThat(DashboardMetrics.inExpression(
                "histogram_quantile(0.95, sum by (le) (rate(a_seconds_bucket{job=~\"$job\"}[5m]))) / on(instance) b"))
                .containsExactly("a_seconds_bucket", "b");
        assertThat(queried).contains("parley_messages_in_total", "parley_messages_out_total",
                "parley_moderation_blocks_total", "parley_queue_waiting", "parley_queue_wait_longest",
                "parley_model_tokens_generated_total", "parley_reply_first_visible_seconds_bucket", "parley_model_loaded");
        // up is made by Prometheus for every scrape target, never by the target
        assertThat(scraped).containsAll(queried.stream().filter(name -> !name.equals("up")).toList());
    }

    @Test
    void healthReportsTheModelAndTheDatabase() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JsonMapper.builder().build().readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("model").path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("model").path("details").path("slots").asInt()).isPositive();
        assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void settingsAndBeansAreNotExposedOverHttp() throws Exception {
        for (String path : new String[] {"/actuator/env", "/actuator/configprops", "/actuator/beans"}) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
    }
}
