package dev.parley.model.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.core.model.ModelException;
import dev.parley.testkit.gguf.TinyLlamaModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDownloaderTest {

    static byte[] model;

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private volatile boolean honourRange = true;
    private volatile int cutAfter = -1;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private ModelDownloader downloader;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch stalled = new CountDownLatch(1);

    @BeforeAll
    static void writeModel(@TempDir Path modelDir) throws IOException {
        Path file = modelDir.resolve("tiny.gguf");
        TinyLlamaModel.builder().build().writeTo(file);
        model = Files.readAllBytes(file);
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tiny.gguf", this::serveModel);
        server.createContext("/page.gguf", exchange -> send(exchange, 200, "<html>a login page</html>".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/", exchange -> send(exchange, 404, "not found".getBytes(StandardCharsets.UTF_8)));
        server.setExecutor(threads);
        server.start();
        downloader = new ModelDownloader(ModelDownloader.defaultClient(),
                new PrintStream(progress, true, StandardCharsets.UTF_8), Duration.ofSeconds(1));
    }

    @AfterEach
    void stopServer() {
        stalled.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    @Test
    void download_wholeFile_isIdenticalAndInPlaceWithoutAPartFile() throws IOException {
        Path target = dir.resolve("models/tiny.gguf");

        assertThat(downloader.download(url("/tiny.gguf"), target)).isEqualTo(target);

        assertThat(Files.readAllBytes(target)).isEqualTo(model);
        assertThat(dir.resolve("models/tiny.gguf.part")).doesNotExist();
        assertThat(ranges).containsExactly("none");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("tiny.gguf");
    }

    @Test
    void download_withAHalfWrittenPartFile_resumesWithARangeRequest() throws IOException {
        Path target = dir.resolve("tiny.gguf");
        int half = model.length / 2;
        Files.write(dir.resolve("tiny.gguf.part"), Arrays.copyOf(model, half));

        downloader.download(url("/tiny.gguf"), target);

        assertThat(ranges).containsExactly("bytes=" + half + "-");
        assertThat(Files.readAllBytes(target)).isEqualTo(model);
    }

    @Test
    void download_serverIgnoringRange_startsOverAndIsStillIdentical() throws IOException {
        honourRange = false;
        Path target = dir.resolve("tiny.gguf");
        byte[] garbage = new byte[1000];
        Arrays.fill(garbage, (byte) 7);
        Files.write(dir.resolve("tiny.gguf.part"), garbage);

        downloader.download(url("/tiny.gguf"), target);

        assertThat(ranges).containsExactly("bytes=1000-");
        assertThat(Files.readAllBytes(target)).isEqualTo(model);
    }

    @Test
    void download_stalledServer_givesUpKeepingThePartFileAndTheNextRunResumes() throws IOException {
        cutAfter = 100_000;
        Path target = dir.resolve("tiny.gguf");

        assertThatThrownBy(() -> downloader.download(url("/tiny.gguf"), target))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("no data arrived for 1 s; run again to resume");
        assertThat(target).doesNotExist();
        long kept = Files.size(dir.resolve("tiny.gguf.part"));
        assertThat(kept).isPositive().isLessThan(model.length);

        cutAfter = -1;
        downloader.download(url("/tiny.gguf"), target);

        assertThat(ranges).last().isEqualTo("bytes=" + kept + "-");
        assertThat(Files.readAllBytes(target)).isEqualTo(model);
    }

    @Test
    void download_withTheRightSha256_isPutInPlace() throws Exception {
        Path target = dir.resolve("tiny.gguf");

        downloader.download(url("/tiny.gguf"), target, sha256(model));

        assertThat(Files.readAllBytes(target)).isEqualTo(model);
    }

    @Test
    void download_withAnotherSha256_isDeletedAndNamesBothDigests() throws Exception {
        Path target = dir.resolve("tiny.gguf");
        String expected = "0".repeat(64);

        assertThatThrownBy(() -> downloader.download(url("/tiny.gguf"), target, expected))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("its SHA-256 is " + sha256(model) + ", not the expected " + expected);
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("tiny.gguf.part")).doesNotExist();
    }

    @Test
    void download_resumedFile_isCheckedWhole() throws Exception {
        Path target = dir.resolve("tiny.gguf");
        Files.write(dir.resolve("tiny.gguf.part"), Arrays.copyOf(model, model.length / 3));

        downloader.download(url("/tiny.gguf"), target, sha256(model));

        assertThat(ranges).containsExactly("bytes=" + model.length / 3 + "-");
        assertThat(Files.readAllBytes(target)).isEqualTo(model);
    }

    @Test
    void download_malformedSha256_isRefusedBeforeConnecting() {
        assertThatThrownBy(() -> downloader.download(url("/tiny.gguf"), dir.resolve("tiny.gguf"), "ABC"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 lowercase hex digits");
        assertThat(ranges).isEmpty();
    }

    @Test
    void download_pointingAtAnotherProperty_namesItInTheFailure() {
        assertThatThrownBy(() -> downloader.pointingAt("parley.moderation.guard.model-path")
                        .download(url("/missing.gguf"), dir.resolve("missing.gguf")))
                .isInstanceOf(ModelException.class)
                .hasMessageEndingWith("or start with --parley.moderation.guard.model-path=<file>");
    }

    @Test
    void download_notFound_saysWhatToDo() {
        Path target = dir.resolve("tiny.gguf");

        assertThatThrownBy(() -> downloader.download(url("/missing.gguf"), target))
                .isInstanceOf(ModelException.class)
                .hasMessage("could not download " + url("/missing.gguf") + ": the server answered HTTP 404 (not found: check the URL)."
                        + " Download it yourself to " + target.toAbsolutePath() + " or start with --parley.model.path=<file>");
        assertThat(target).doesNotExist();
    }

    @Test
    void download_bodyThatIsNotGguf_isRejectedAndNotMovedIntoPlace() {
        Path target = dir.resolve("page.gguf");

        assertThatThrownBy(() -> downloader.download(url("/page.gguf"), target))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("is not a usable model (not a GGUF file")
                .message().doesNotContain("\n");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("page.gguf.part")).doesNotExist();
    }

    @Test
    void download_connectionRefused_saysSoClearly() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort + "/tiny.gguf");

        assertThatThrownBy(() -> downloader.download(url, dir.resolve("tiny.gguf")))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("could not download " + url + ": could not connect to 127.0.0.1:" + closedPort)
                .hasMessageContaining("Download it yourself to")
                .message().doesNotContain("\n");
    }

    @Test
    void download_unknownHost_saysOfflineOrDnsFailure() {
        URI url = URI.create("http://parley-model-host.invalid/tiny.gguf");

        assertThatThrownBy(() -> downloader.download(url, dir.resolve("tiny.gguf")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("the host parley-model-host.invalid could not be resolved (offline or DNS failure)")
                .hasMessageEndingWith("or start with --parley.model.path=<file>");
    }

    @Test
    void download_unsupportedScheme_isRefused() {
        assertThatThrownBy(() -> downloader.download(URI.create("ftp://example.org/m.gguf"), dir.resolve("m.gguf")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("only http and https");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void serveModel(HttpExchange exchange) throws IOException {
        @Nullable String range = exchange.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "none" : range);
        if (range != null && honourRange) {
            int start = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            exchange.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (model.length - 1) + "/" + model.length);
            send(exchange, 206, Arrays.copyOfRange(model, start, model.length));
        } else {
            send(exchange, 200, model);
        }
    }

    private void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            int limit = cutAfter >= 0 && status == 200 ? Math.min(cutAfter, body.length) : body.length;
            out.write(body, 0, limit);
            out.flush();
            if (limit < body.length) {
                stalled.await(); // a server that stops sending but keeps the connection open
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up on a stalled response
        } finally {
            exchange.close();
        }
    }
}
