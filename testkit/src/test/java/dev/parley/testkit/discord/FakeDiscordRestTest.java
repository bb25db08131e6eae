package dev.parley.testkit.discord;

import dev.parley.testkit.json.Json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST side on its own, spoken to with the JDK's HTTP client: tokens, limits and error bodies. */
class FakeDiscordRestTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private FakeDiscordServer server;
    private long general;

    @BeforeEach
    void start() {
        server = FakeDiscordServer.start();
        general = server.createGuild("g").addTextChannel("general");
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    @Test
    void guildsCreatedOnAShard_landOnItEvenWithinOneMillisecond() {
        long previous = 0;
        for (int i = 0; i < 12; i++) {
            int shard = i % 3;
            long id = server.createGuildOnShard("g" + i, shard, 3).id();
            assertThat((id >>> 22) % 3).as("guild %d", i).isEqualTo(shard);
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
        assertThat(server.createGuild("after").id()).isGreaterThan(previous);
    }

    @Test
    void wrongToken_gets401() throws Exception {
        HttpResponse<String> response = send("GET", "users/@me", null, "Bot not-the-token");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Json.asObject(Json.parse(response.body()))).containsEntry("code", 0L);
    }

    @Test
    void contentOver2000Characters_gets400InvalidFormBody() throws Exception {
        HttpResponse<String> response = send(
                "POST", "channels/" + general + "/messages", Json.write(Map.of("content", "x".repeat(2001))), null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.asObject(Json.parse(response.body()))).containsEntry("code", 50035L);
        assertThat(server.sentMessages()).isEmpty();
    }

    @Test
    void failNext_answers429WithDiscordsHeadersAndBody_thenServesAgain() throws Exception {
        server.failNext("POST channels/*/messages", 1, 2);
        String body = Json.write(Map.of("content", "hello"));

        HttpResponse<String> limited = send("POST", "channels/" + general + "/messages", body, null);
        HttpResponse<String> served = send("POST", "channels/" + general + "/messages", body, null);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("2");
        assertThat(limited.headers().firstValue("Via")).isPresent();
        assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).contains("0");
        assertThat(limited.headers().firstValue("X-RateLimit-Global")).isEmpty();
        assertThat(Json.asObject(Json.parse(limited.body())))
                .containsEntry("retry_after", 2.0)
                .containsEntry("global", false);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(Json.asObject(Json.parse(served.body()))).containsEntry("content", "hello");
    }

    @Test
    void unknownRouteAndUnknownChannel_getDiscordShapedErrors() throws Exception {
        HttpResponse<String> route = send("GET", "guilds/1/audit-logs", null, null);
        HttpResponse<String> channel = send("POST", "channels/1/messages", Json.write(Map.of("content", "x")), null);

        assertThat(route.statusCode()).isEqualTo(404);
        assertThat(Json.asObject(Json.parse(route.body()))).containsKeys("message", "code");
        assertThat(channel.statusCode()).isEqualTo(404);
        assertThat(Json.asObject(Json.parse(channel.body()))).containsEntry("code", 10003L);
        assertThat(server.unknownRequests()).extracting(RecordedRequest::path).containsExactly("guilds/1/audit-logs");
    }

    @Test
    void malformedJson_gets400AndIsRecorded() throws Exception {
        HttpResponse<String> response = send("POST", "channels/" + general + "/messages", "{\"content\":", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(400));
    }

    @Test
    void channelMessageLimit_countsSendsPerChannelOnTheServersClock() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (FakeDiscordServer limited = FakeDiscordServer.builder().clock(clock).start()) {
            long channel = limited.createGuild("g").addTextChannel("general");
            long other = limited.createGuild("h").addTextChannel("general");
            limited.limitChannelMessages(2, Duration.ofSeconds(5));
            String body = Json.write(Map.of("content", "hi"));
            String path = limited.restBaseUrl() + "channels/" + channel + "/messages";

            HttpResponse<String> first = post(limited, path, body);
            HttpResponse<String> second = post(limited, path, body);
            HttpResponse<String> third = post(limited, path, body);
            HttpResponse<String> elsewhere = post(limited, limited.restBaseUrl() + "channels/" + other + "/messages", body);
            clock.advance(Duration.ofSeconds(5));
            HttpResponse<String> later = post(limited, path, body);

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("X-RateLimit-Remaining")).contains("1");
            assertThat(second.headers().firstValue("X-RateLimit-Remaining")).contains("0");
            assertThat(second.headers().firstValue("X-RateLimit-Reset-After")).contains("5.000");
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).contains("5");
            assertThat(third.headers().firstValue("Via")).isPresent();
            assertThat(elsewhere.statusCode()).isEqualTo(200);
            assertThat(later.statusCode()).isEqualTo(200);
            assertThat(limited.sentMessages()).hasSize(4);
        }
    }

    private HttpResponse<String> post(FakeDiscordServer target, String url, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bot " + target.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.restBaseUrl() + path))
                .header("Authorization", authorization != null ? authorization : "Bot " + server.token())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
