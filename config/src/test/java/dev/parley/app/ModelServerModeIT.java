package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ReplyStream;
import dev.parley.model.openai.OpenAiChatModel;
import dev.parley.model.openai.OpenAiSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley.jar model-server} in a JVM of its own, as an operator starts it. */
class ModelServerModeIT {

    private static final String KEY = "sk-from-the-environment";
    private static final Pattern LISTENING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/v1");

    @TempDir
    Path workDir;

    @Test
    void servesTheModelWithTheKeyFromTheEnvironmentUntilStopped() throws Exception {
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        Process process = new ParleyProcess(workDir).start(Map.of("PARLEY_MODEL_SERVER_API_KEY", KEY), out, err,
                "model-server", "--parley.model.path=" + GeneratedModels.tinyModel(), "--parley.model.temperature=0",
                "--parley.model.context-size=512", "--parley.model-server.port=0");
        try {
            int port = awaitPort(process, err);
            HttpClient http = HttpClient.newHttpClient();
            URI models = URI.create("http://127.0.0.1:" + port + "/v1/models");

            assertThat(http.send(HttpRequest.newBuilder(models).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(401);
            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(models).header("Authorization", "Bearer " + KEY)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(listed.body()).contains("\"id\":\"default\"");
            var settings = new OpenAiSettings(URI.create("http://127.0.0.1:" + port), "default", KEY, 512, 1,
                    Duration.ofSeconds(60));
            try (OpenAiChatModel client = new OpenAiChatModel(settings);
                    ReplyStream reply = client.stream(new ChatRequest(List.of(ChatTurn.user("hello")),
                            new GenerationSettings(8, 0f, 1)))) {
                StringBuilder text = new StringBuilder();
                for (String piece = reply.next(); piece != null; piece = reply.next()) {
                    text.append(piece);
                }
                assertThat(text.toString()).isNotBlank();
            }

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            assertThat(process.exitValue()).as("the JVM's status after SIGTERM, 128 + 15").isEqualTo(143);
            assertThat(Files.readString(err)).contains("stopped").doesNotContain(KEY);
            assertThat(Files.readString(out)).doesNotContain(KEY);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aBadSettingStopsStartUpWithOneLineNamingIt() throws Exception {
        var result = new ParleyProcess(workDir).run("", "model-server", "--parley.model.path=" + GeneratedModels.tinyModel(),
                "--parley.model-server.port=70000");

        assertThat(result.exitCode()).isEqualTo(Launcher.CANNOT_START);
        assertThat(result.stderrLines()).containsExactly("parley: cannot start: invalid setting parley.model-server: "
                + "parley.model-server.port must be within [0, 65535], was 70000");
    }

    /** The port from the server's start-up line, once it is listening. */
    private static int awaitPort(Process process, Path err) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(Files.readString(err));
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("model-server exited with " + process.exitValue() + ": " + Files.readString(err));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("model-server did not start listening: " + Files.readString(err));
    }
}
