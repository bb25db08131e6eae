package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.parley.app.model.ModelFileLocator;
import dev.parley.app.model.ModelProperties;
import dev.parley.core.model.ModelException;
import dev.parley.model.download.ModelDownloader;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code parley.moderation.guard.download} as the application uses it: bound from settings, then
 * fetched by the chat model's downloader (progress bar, resume, checks) from a local HTTP server
 * into the models directory.
 */
class GuardModelDownloadTest {

    @TempDir
    Path dir;

    private byte[] model;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

    @BeforeEach
    void serveAGeneratedGuard() throws IOException {
        Path file = dir.resolve("generated.gguf");
        TinyLlamaModel.builder().build().writeTo(file);
        model = Files.readAllBytes(file);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/guards/tiny-guard.gguf", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, model.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(model);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private Path locate(String sha256) {
        Map<String, String> settings = Map.of(
                "parley.model.models-dir", dir.resolve("models").toString(),
                "parley.moderation.guard.download", "http://127.0.0.1:" + server.getAddress().getPort() + "/guards/tiny-guard.gguf",
                "parley.moderation.guard.download-sha256", sha256);
        Binder binder = new Binder(new MapConfigurationPropertySource(settings));
        GuardProperties guard = binder.bindOrCreate("parley.moderation.guard", GuardProperties.class);
        ModelProperties models = binder.bindOrCreate("parley.model", ModelProperties.class);
        var downloader = new ModelDownloader(ModelDownloader.defaultClient(),
                new PrintStream(progress, true, StandardCharsets.UTF_8), Duration.ofSeconds(5))
                .pointingAt("parley.moderation.guard.model-path");
        return ModerationTiersConfiguration.guardModelFile(guard, new ModelFileLocator(models, downloader::download));
    }

    @Test
    void theChosenGuardIsDownloadedIntoTheModelsDirectoryWithAProgressBarAndOnlyOnce() throws Exception {
        Path first = locate(sha256(model));
        Path second = locate(sha256(model));

        assertThat(first).isEqualTo(dir.resolve("models/tiny-guard.gguf")).isEqualTo(second);
        assertThat(Files.readAllBytes(first)).isEqualTo(model);
        assertThat(requests).hasValue(1);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("tiny-guard.gguf");
    }

    @Test
    void aFileWithAnotherChecksumIsDeletedAndTheMessagePointsAtTheGuardsPathSetting() {
        assertThatThrownBy(() -> locate("f".repeat(64)))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("not the expected " + "f".repeat(64))
                .hasMessageEndingWith("or start with --parley.moderation.guard.model-path=<file>");
        assertThat(dir.resolve("models/tiny-guard.gguf")).doesNotExist();
        assertThat(dir.resolve("models/tiny-guard.gguf.part")).doesNotExist();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
