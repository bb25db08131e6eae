package dev.parley.model.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ModelException;
import dev.parley.core.model.ReplyStream;
import dev.parley.core.testing.FakeChatModel;
import dev.parley.model.llama.LlamaChatModel;
import dev.parley.model.llama.LlamaSettings;
import dev.parley.model.openai.OpenAiChatModel;
import dev.parley.model.openai.OpenAiSettings;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server in front of the real llama.cpp runtime (a generated tiny model), driven by Parley's
 * own OpenAI-compatible client and by plain HTTP requests.
 */
class ModelServerTest {

    private static final String KEY = "sk-parley-test";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    static Path tinyModel;
    /** Two slots, shared by the tests that do not need a model of their own. */
    static LlamaChatModel model;
    static ModelServer server;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() throws IOException {
        tinyModel = dir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(tinyModel);
        model = LlamaChatModel.load(new LlamaSettings(tinyModel, 2, 512, 2, 0));
        server = ModelServer.start(model, ModelServerSettings.of("127.0.0.1", 0, "tiny").withApiKey(KEY).withMaxTokens(64));
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    @Test
    void streamedReply_equalsTheNonStreamedGreedyReplyAndTheModelsOwn() throws Exception {
        String streamed;
        try (OpenAiChatModel client = client(server, KEY)) {
            streamed = drain(client.stream(request("hello there", 24)));
        }
        JsonNode whole = post(server, KEY, """
                {"model": "tiny", "stream": false, "max_tokens": 24, "temperature": 0, "seed": 1,
                 "messages": [{"role": "system", "content": "You are Parley."},
                              {"role": "user", "content": "hello there"}]}""", 200);

        assertThat(streamed).isNotBlank();
        assertThat(whole.at("/object").asString()).isEqualTo("chat.completion");
        assertThat(whole.at("/choices/0/message/role").asString()).isEqualTo("assistant");
        assertThat(whole.at("/choices/0/message/content").asString()).isEqualTo(streamed);
        assertThat(whole.at("/usage/completion_tokens").asInt()).isPositive();
        assertThat(drain(model.stream(request("hello there", 24)))).isEqualTo(streamed);
    }

    @Test
    void streamedReply_isChunksInOpenAisShapeEndingInDone() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(server, "/v1/chat/completions"))
                .header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"stream": true, "max_tokens": 8, "temperature": 0,
                         "messages": [{"role": "user", "content": "hello"}]}"""))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> events = response.body().lines().filter(line -> line.startsWith("data: "))
                .map(line -> line.substring("data: ".length())).toList();
        assertThat(events.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(json::readTree).toList();
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.at("/object").asString()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.at("/model").asString()).isEqualTo("tiny");
            assertThat(chunk.at("/id").asString()).isEqualTo(chunks.getFirst().at("/id").asString());
        });
        assertThat(chunks.getFirst().at("/choices/0/delta/role").asString()).isEqualTo("assistant");
        assertThat(chunks.getLast().at("/choices/0/finish_reason").asString()).isIn("stop", "length");
    }

    @Test
    void maxTokensAboveTheServersLimit_isLoweredToIt() throws Exception {
        try (ModelServer capped = ModelServer.start(model, ModelServerSettings.of("127.0.0.1", 0, "tiny").withMaxTokens(3))) {
            JsonNode reply = post(capped, null, """
                    {"max_tokens": 400, "temperature": 0, "messages": [{"role": "user", "content": "hello"}]}""", 200);

            assertThat(reply.at("/choices/0/finish_reason").asString()).isEqualTo("length");
            assertThat(reply.at("/choices/0/message/content").asString())
                    .isEqualTo(drain(model.stream(new ChatRequest(List.of(ChatTurn.user("hello")), new GenerationSettings(3, 0f, 42)))));
        }
    }

    @Test
    void closingTheStream_cancelsTheReplyAndFreesTheSlot() throws Exception {
        Path longContext = dir.resolve("long.gguf");
        TinyLlamaModel.builder().contextLength(4096).build().writeTo(longContext);
        try (LlamaChatModel oneSlot = LlamaChatModel.load(new LlamaSettings(longContext, 2, 4096, 1, 0));
                ModelServer lone = ModelServer.start(oneSlot, ModelServerSettings.of("127.0.0.1", 0, "long")
                        .withMaxTokens(4000).withQueue(Duration.ZERO, 0));
                OpenAiChatModel client = client(lone, null)) {
            ReplyStream first = client.stream(request("hello", 4000));
            assertThat(first.next()).isNotEmpty();
            assertThat(lone.busySlots()).isEqualTo(1);

            first.close();

            await(() -> lone.busySlots() == 0 && oneSlot.busySlots() == 0);
            assertThat(oneSlot.stats().tokensGenerated()).as("cancelled long before its 4000 tokens").isLessThan(4000);
            assertThat(lone.repliesServed()).isZero();
            // no queue: a slot still held would answer 503
            assertThat(drain(client.stream(request("hello", 8)))).isNotBlank();
            // counted once the server has closed the response, which can be after the client read it all
            await(() -> lone.repliesServed() == 1);
        }
    }

    @Test
    void everySlotBusyAndNoQueue_gets503WithRetryAfter() throws Exception {
        Path longContext = dir.resolve("busy.gguf");
        TinyLlamaModel.builder().contextLength(4096).build().writeTo(longContext);
        try (LlamaChatModel oneSlot = LlamaChatModel.load(new LlamaSettings(longContext, 2, 4096, 1, 0));
                ModelServer lone = ModelServer.start(oneSlot, ModelServerSettings.of("127.0.0.1", 0, "long")
                        .withMaxTokens(4000).withQueue(Duration.ZERO, 0));
                OpenAiChatModel client = client(lone, null)) {
            try (ReplyStream first = client.stream(request("hello", 4000))) {
                assertThat(first.next()).isNotEmpty();

                HttpResponse<String> refused = http.send(HttpRequest.newBuilder(uri(lone, "/v1/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());

                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(json.readTree(refused.body()).at("/error/code").asString()).isEqualTo("server_busy");
                assertThat(lone.requestsRefused()).isEqualTo(1);
            }
        }
    }

    @Test
    void everySlotBusy_aRequestWaitsInTheBoundedQueueAndRunsWhenTheSlotFrees() throws Exception {
        Path longContext = dir.resolve("queue.gguf");
        TinyLlamaModel.builder().contextLength(4096).build().writeTo(longContext);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (LlamaChatModel oneSlot = LlamaChatModel.load(new LlamaSettings(longContext, 2, 4096, 1, 0));
                ModelServer lone = ModelServer.start(oneSlot, ModelServerSettings.of("127.0.0.1", 0, "long")
                        .withMaxTokens(4000).withQueue(WAIT, 1));
                OpenAiChatModel client = client(lone, null)) {
            ReplyStream first = client.stream(request("hello", 4000));
            assertThat(first.next()).isNotEmpty();
            Future<String> queued = thread.submit(() -> drain(client.stream(request("good morning", 8))));
            await(() -> lone.requestsWaiting() == 1);

            assertThatThrownBy(() -> client.stream(request("one too many", 8)))
                    .isInstanceOf(ModelException.class).hasMessageContaining("HTTP 503");
            first.close();

            assertThat(queued.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isNotBlank();
            assertThat(lone.requestsRefused()).isEqualTo(1);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void concurrentRequests_allComplete() throws Exception {
        long before = server.repliesServed();
        List<String> questions = List.of("hello", "good morning", "how are you", "thanks bot", "hello world", "bye");
        ExecutorService threads = Executors.newFixedThreadPool(questions.size());
        try (OpenAiChatModel client = client(server, KEY)) {
            List<Future<String>> replies = new ArrayList<>();
            for (String question : questions) {
                replies.add(threads.submit(() -> drain(client.stream(request(question, 24)))));
            }
            for (Future<String> reply : replies) {
                assertThat(reply.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isNotBlank();
            }
        } finally {
            threads.shutdownNow();
        }
        await(() -> server.repliesServed() - before == questions.size());
        await(() -> server.busySlots() == 0);
    }

    @Test
    void withoutTheKey_gets401AndOurClientSaysTheKeyWasRefused() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(server, "/v1/models")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(json.readTree(response.body()).at("/error/code").asString()).isEqualTo("invalid_api_key");
        try (OpenAiChatModel wrongKey = client(server, "sk-wrong")) {
            assertThatThrownBy(() -> wrongKey.stream(request("hello", 4)))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("refused the API key (HTTP 401)")
                    .hasMessageNotContaining("sk-wrong");
        }
    }

    @Test
    void hugeMaxTokens_gets400SayingTheLimitNot500() throws Exception {
        JsonNode error = post(server, KEY, """
                {"max_tokens": 99999999999999999999999, "messages": [{"role": "user", "content": "hi"}]}""", 400)
                .path("error");

        assertThat(error.path("message").asString())
                .isEqualTo("max_tokens must be a positive integer of at most 2147483647 (this server lowers it to 64)");
    }

    @ParameterizedTest
    @CsvSource({"bearer", "BEARER", "BeArEr"})
    void bearerScheme_isCaseInsensitive(String scheme) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(server, "/v1/models"))
                .header("Authorization", scheme + " " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void otherSchemeOrWrongKeyInAnyCase_gets401() throws Exception {
        for (String authorization : List.of("Basic " + KEY, "bearer sk-wrong", KEY, "Bearer" + KEY)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(server, "/v1/models"))
                    .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(authorization).isEqualTo(401);
        }
    }

    @Test
    void completionTokens_neverExceedMaxTokens_evenWhenTheTextTokenizesIntoMore() throws Exception {
        // each piece is one generated token whose text tokenizes again into two: re-counting overshoots
        try (ChatModel twoTokensAPiece = new FakeChatModel(512, FakeChatModel.CHARACTERS,
                        request -> FakeChatModel.saying(Collections.nCopies(request.settings().maxNewTokens(), "ab")));
                ModelServer fake = ModelServer.start(twoTokensAPiece, ModelServerSettings.of("127.0.0.1", 0, "fake"))) {
            JsonNode reply = post(fake, null, """
                    {"max_tokens": 5, "messages": [{"role": "user", "content": "hello"}]}""", 200);

            assertThat(reply.at("/choices/0/message/content").asString()).isEqualTo("ababababab");
            assertThat(reply.at("/usage/completion_tokens").asInt()).isEqualTo(5);
            assertThat(reply.at("/usage/total_tokens").asInt())
                    .isEqualTo(reply.at("/usage/prompt_tokens").asInt() + 5);
        }
    }

    @Test
    void models_listsTheServedModel() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(server, "/v1/models"))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = json.readTree(response.body());
        assertThat(list.at("/object").asString()).isEqualTo("list");
        assertThat(list.at("/data/0/id").asString()).isEqualTo("tiny");
        assertThat(list.at("/data/0/object").asString()).isEqualTo("model");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON                | {\"messages\": [                                                  | ",
            "not an object           | [1, 2]                                                            | ",
            "no messages             | {\"max_tokens\": 4}                                               | messages",
            "empty messages          | {\"messages\": []}                                                | messages",
            "unknown role            | {\"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}      | messages[0].role",
            "content not text        | {\"messages\": [{\"role\": \"user\", \"content\": 5}]}            | messages[0].content",
            "temperature too high    | {\"temperature\": 3, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}  | temperature",
            "max_tokens zero         | {\"max_tokens\": 0, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}   | max_tokens",
            "stream not boolean      | {\"stream\": \"yes\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]} | stream",
            "seed not integer        | {\"seed\": 1.5, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}      | seed",
            "two choices             | {\"n\": 2, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}          | n",
            "n beyond 64 bits        | {\"n\": 99999999999999999999999, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]} | n",
            "max_tokens beyond 64 bits | {\"max_tokens\": 99999999999999999999999, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]} | max_tokens",
            "max_tokens beyond 32 bits | {\"max_tokens\": 4294967296, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]} | max_tokens",
            "max_tokens huge negative | {\"max_tokens\": -99999999999999999999999, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]} | max_tokens",
            "max_completion_tokens huge | {\"max_completion_tokens\": 99999999999999999999999, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]} | max_completion_tokens",
    })
    void badRequest_gets400WithOpenAisErrorNamingTheField(String what, String body, String param) throws Exception {
        JsonNode error = post(server, KEY, body, 400).path("error");

        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asString()).isNotBlank();
        if (param == null) {
            assertThat(error.path("param").isNull()).isTrue();
        } else {
            assertThat(error.path("param").asString()).isEqualTo(param);
        }
        assertThat(server.busySlots()).isZero();
    }

    @Test
    void promptBeyondTheContext_gets400WithTheModelsReason() throws Exception {
        String longText = "hello world ".repeat(400);

        JsonNode error = post(server, KEY, "{\"max_tokens\": 32, \"messages\": [{\"role\": \"user\", \"content\": \""
                + longText + "\"}]}", 400).path("error");

        assertThat(error.path("message").asString()).contains("tokens of context per slot");
        assertThat(server.busySlots()).isZero();
    }

    @Test
    void bodyOverTheLimit_gets413() throws Exception {
        try (ModelServer small = ModelServer.start(model, ModelServerSettings.of("127.0.0.1", 0, "tiny").withMaxBodyBytes(1024))) {
            String body = "{\"messages\": [{\"role\": \"user\", \"content\": \"" + "a".repeat(2000) + "\"}]}";

            assertThat(post(small, null, body, 413).at("/error/code").asString()).isEqualTo("request_too_large");
        }
    }

    @Test
    void unknownPathAndWrongMethod_get404And405() throws Exception {
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(uri(server, "/v1/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(uri(server, "/v1/chat/completions"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void startOnAPortInUse_failsWithTheSettingToChange() {
        assertThatThrownBy(() -> ModelServer.start(model, ModelServerSettings.of("127.0.0.1", server.port(), "tiny")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("cannot listen on 127.0.0.1:" + server.port())
                .hasMessageContaining("parley.model-server.port");
    }

    private static OpenAiChatModel client(ModelServer target, String key) {
        return new OpenAiChatModel(new OpenAiSettings(URI.create("http://127.0.0.1:" + target.port()), "tiny", key, 512, 2, WAIT));
    }

    private static URI uri(ModelServer target, String path) {
        return URI.create("http://127.0.0.1:" + target.port() + path);
    }

    private static JsonNode post(ModelServer target, String key, String body, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(target, "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    private static ChatRequest request(String userText, int maxNewTokens) {
        return new ChatRequest(List.of(ChatTurn.system("You are Parley."), ChatTurn.user(userText)),
                new GenerationSettings(maxNewTokens, 0f, 1));
    }

    private static String drain(ReplyStream stream) {
        try (stream) {
            return stream.rest();
        }
    }

    /** Polls {@code condition} until it holds, failing after a minute: a condition, never a duration. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
    }
}
