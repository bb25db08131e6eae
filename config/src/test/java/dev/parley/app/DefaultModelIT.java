package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting without {@code parley.model.path}: the default model is downloaded into {@code ./models}
 * (here from a local server standing in for the model hub), or, offline, start-up stops with one
 * line that says what to do.
 */
class DefaultModelIT {

    @TempDir
    Path dir;

    @Test
    void downloadsTheDefaultModelOnFirstStartAndUsesItAfterwards() throws Exception {
        Path served = dir.resolve("served.gguf");
        TinyLlamaModel.builder().build().writeTo(served);
        byte[] model = Files.readAllBytes(served);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/models/tiny-default.gguf", exchange -> {
            exchange.sendResponseHeaders(200, model.length);
            try (var body = exchange.getResponseBody()) {
                body.write(model);
            }
        });
        server.start();
        try {
            Path work = Files.createDirectories(dir.resolve("work"));
            String url = "--parley.model.download-url=http://127.0.0.1:" + server.getAddress().getPort()
                    + "/models/tiny-default.gguf";

            var result = new ParleyProcess(work).run("hello\n", url, "--parley.model.context-size=512",
                    "--parley.model.max-new-tokens=8");

            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).isNotBlank().doesNotContain("[parley]");
            assertThat(work.resolve("models/tiny-default.gguf")).hasBinaryContent(model);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void offlineStartStopsWithOneLineThatSaysWhatToDo() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        var result = new ParleyProcess(dir).run("hello\n",
                "--parley.model.download-url=http://127.0.0.1:" + closedPort + "/models/default.gguf");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(Launcher.CANNOT_START);
        assertThat(result.stderrLines()).as(result.stderr()).hasSize(1);
        assertThat(result.stderrLines().getFirst())
                .startsWith("parley: cannot start: could not download")
                .contains("--parley.model.path=");
        assertThat(dir.resolve("models/default.gguf")).doesNotExist();
    }
}
