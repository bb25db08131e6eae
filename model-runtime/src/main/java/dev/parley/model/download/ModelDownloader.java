package dev.parley.model.download;

import dev.parley.core.model.ModelException;
import dev.parley.model.gguf.GgufHeader;
import dev.parley.model.gguf.InvalidModelFileException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a GGUF model to a path: into {@code <target>.part} first, resuming a partial file with
 * a Range request, then checking the size against what the server announced, the SHA-256 when the
 * caller knows it, and the GGUF header with {@link GgufHeader}, and only then moving it into place
 * atomically. A progress bar goes to the given stream (stderr in the application).
 *
 * <p>Every failure is a {@link ModelException} whose one-line message says what to do instead.
 */
public final class ModelDownloader {

    private static final Logger log = LoggerFactory.getLogger(ModelDownloader.class);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(200);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final HttpClient client;
    private final PrintStream progress;
    private final Duration idleTimeout;
    private final String pathProperty;

    /**
     * @param client the HTTP client; it should follow redirects (model hosts redirect to CDNs)
     * @param progress where the progress bar is drawn; not closed
     */
    public ModelDownloader(HttpClient client, PrintStream progress) {
        this(client, progress, Duration.ofSeconds(60));
    }

    /**
     * @param idleTimeout how long the download may go without receiving a byte before it is
     *     abandoned (and can be resumed)
     */
    public ModelDownloader(HttpClient client, PrintStream progress, Duration idleTimeout) {
        this(client, progress, idleTimeout, "parley.model.path");
    }

    private ModelDownloader(HttpClient client, PrintStream progress, Duration idleTimeout, String pathProperty) {
        this.client = Objects.requireNonNull(client, "client");
        this.progress = Objects.requireNonNull(progress, "progress");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
        this.idleTimeout = idleTimeout;
        this.pathProperty = Objects.requireNonNull(pathProperty, "pathProperty");
    }

    /**
     * This downloader, its failures pointing at {@code pathProperty} (instead of
     * {@code parley.model.path}) as the way to use a file downloaded by hand.
     */
    public ModelDownloader pointingAt(String pathProperty) {
        return new ModelDownloader(client, progress, idleTimeout, pathProperty);
    }

    /** Whether {@code sha256} is a SHA-256 as {@link #download(URI, Path, String)} takes it: 64 lowercase hex digits. */
    public static boolean isSha256(String sha256) {
        return SHA256.matcher(sha256).matches();
    }

    /** A client that follows redirects and gives up connecting after 20 seconds. */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
    }

    /**
     * Downloads {@code url} to {@code target}, resuming {@code <target>.part} if one exists.
     *
     * @return {@code target}, a checked GGUF file
     * @throws ModelException if the download or a check fails; a partial file that can be
     *     resumed is kept, one with a wrong body is deleted
     */
    public Path download(URI url, Path target) {
        return download(url, target, null);
    }

    /**
     * Downloads {@code url} to {@code target} as {@link #download(URI, Path)} does, and when
     * {@code sha256} is given, also checks the whole file against it before it is put in place.
     *
     * @param sha256 the file's expected SHA-256 in lowercase hex, or null to check size and header only
     * @throws ModelException as {@link #download(URI, Path)}; a file with another SHA-256 is deleted
     * @throws IllegalArgumentException if {@code sha256} is not 64 lowercase hex digits
     */
    public Path download(URI url, Path target, @Nullable String sha256) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(target, "target");
        if (sha256 != null && !isSha256(sha256)) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits, was '" + sha256 + "'");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw failure(url, target, "only http and https URLs are supported");
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            fetch(url, target, part, true);
            if (sha256 != null) {
                checkDigest(url, target, part, sha256);
            }
            check(url, target, part);
            moveIntoPlace(part, target);
            log.info("downloaded {} to {}", withoutQuery(url), target);
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(url, target, "interrupted");
        } catch (IOException | UnresolvedAddressException e) {
            throw failure(url, target, reason(url, e));
        }
    }

    private void fetch(URI url, Path target, Path part, boolean mayRestart) throws IOException, InterruptedException {
        long existing = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(RESPONSE_TIMEOUT).GET();
        if (existing > 0) {
            request.header("Range", "bytes=" + existing + "-");
        }
        AtomicReference<HttpResponse.@Nullable ResponseInfo> headers = new AtomicReference<>();
        // the status decides how the body is written: appended (206), from the start (200), or dropped
        HttpResponse.BodyHandler<Void> toPartFile = info -> {
            headers.set(info);
            return switch (info.statusCode()) {
                case 200 -> HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofFile(part,
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), file -> null);
                case 206 -> resumesAt(info, existing)
                        ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofFile(part,
                                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND), file -> null)
                        : HttpResponse.BodySubscribers.discarding();
                default -> HttpResponse.BodySubscribers.discarding();
            };
        };
        CompletableFuture<HttpResponse<Void>> download = client.sendAsync(request.build(), toPartFile);
        try {
            HttpResponse<Void> response = await(download, headers, part, url, target);
            int status = response.statusCode();
            OptionalLong total;
            if (status == 200) {
                total = response.headers().firstValueAsLong("Content-Length");
            } else if (status == 206) {
                if (!resumesAt(response, existing)) {
                    Files.deleteIfExists(part);
                    throw failure(url, target, "the server resumed at the wrong offset ("
                            + response.headers().firstValue("Content-Range").orElse("no Content-Range") + "); run again to start over");
                }
                total = totalOf(response);
            } else if (status == 416 && mayRestart) {
                // the partial file is as long as the whole (or longer): start over once
                Files.deleteIfExists(part);
                fetch(url, target, part, false);
                return;
            } else {
                throw failure(url, target, "the server answered HTTP " + status + describe(status));
            }
            long size = Files.size(part);
            if (total.isPresent() && size != total.getAsLong()) {
                throw failure(url, target, "the download stopped at " + size + " of " + total.getAsLong()
                        + " bytes; run again to resume");
            }
        } finally {
            download.cancel(true);
        }
    }

    /**
     * Waits for the download, drawing progress from the growing file and giving up when no byte
     * arrives for the idle timeout: the HTTP client has no read timeout of its own.
     */
    private HttpResponse<Void> await(CompletableFuture<HttpResponse<Void>> download,
            AtomicReference<HttpResponse.@Nullable ResponseInfo> headers, Path part, URI url, Path target)
            throws IOException, InterruptedException {
        ProgressBar bar = null;
        long lastSize = -1;
        long lastProgress = System.nanoTime();
        try {
            while (true) {
                try {
                    HttpResponse<Void> response = download.get(PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                    HttpResponse.ResponseInfo info = headers.get();
                    if (bar == null && info != null && (info.statusCode() == 200 || info.statusCode() == 206)) {
                        bar = progressBar(part, info); // a quick download still shows where it ended
                    }
                    if (bar != null) {
                        bar.stepTo(sizeOf(part));
                    }
                    return response;
                } catch (TimeoutException stillRunning) {
                    HttpResponse.ResponseInfo info = headers.get();
                    if (bar == null && info != null && (info.statusCode() == 200 || info.statusCode() == 206)) {
                        bar = progressBar(part, info);
                    }
                    long size = sizeOf(part);
                    if (size != lastSize) {
                        lastSize = size;
                        lastProgress = System.nanoTime();
                        if (bar != null) {
                            bar.stepTo(size);
                        }
                    } else if (System.nanoTime() - lastProgress > idleTimeout.toNanos()) {
                        download.cancel(true);
                        throw failure(url, target, "no data arrived for " + idleTimeout.toSeconds() + " s; run again to resume");
                    }
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IOException(cause);
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }

    private ProgressBar progressBar(Path part, HttpResponse.ResponseInfo info) {
        OptionalLong total = info.statusCode() == 206 ? totalOf(info) : info.headers().firstValueAsLong("Content-Length");
        return new ProgressBarBuilder()
                .setTaskName(part.getFileName().toString().replaceFirst("\\.part$", ""))
                .setInitialMax(total.orElse(-1))
                .setUnit("MiB", 1 << 20)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(progress, 100))
                .build();
    }

    private static boolean resumesAt(HttpResponse.ResponseInfo info, long existing) {
        Matcher range = CONTENT_RANGE.matcher(info.headers().firstValue("Content-Range").orElse(""));
        return range.matches() && Long.parseLong(range.group(1)) == existing;
    }

    private static boolean resumesAt(HttpResponse<?> response, long existing) {
        Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
        return range.matches() && Long.parseLong(range.group(1)) == existing;
    }

    private static OptionalLong totalOf(HttpResponse.ResponseInfo info) {
        return totalOf(info.headers().firstValue("Content-Range").orElse(""));
    }

    private static OptionalLong totalOf(HttpResponse<?> response) {
        return totalOf(response.headers().firstValue("Content-Range").orElse(""));
    }

    private static OptionalLong totalOf(String contentRange) {
        Matcher range = CONTENT_RANGE.matcher(contentRange);
        return range.matches() && !range.group(3).equals("*")
                ? OptionalLong.of(Long.parseLong(range.group(3)))
                : OptionalLong.empty();
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** A body that is not a usable GGUF file will not get better by resuming: delete it. */
    private void check(URI url, Path target, Path part) throws IOException {
        try {
            GgufHeader.read(part);
        } catch (InvalidModelFileException e) {
            Files.deleteIfExists(part);
            throw failure(url, target, "what it sent is not a usable model (" + e.reason() + ")");
        }
    }

    /** A body with another digest is not the file asked for, and resuming cannot fix it: delete it. */
    private void checkDigest(URI url, Path target, Path part, String expected) throws IOException {
        String actual = sha256Of(part);
        if (!actual.equals(expected)) {
            Files.deleteIfExists(part);
            throw failure(url, target, "its SHA-256 is " + actual + ", not the expected " + expected
                    + " (the file was deleted; check the URL and the checksum)");
        }
    }

    private static String sha256Of(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String reason(URI url, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String host = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
        if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
            return "the host " + url.getHost() + " could not be resolved (offline or DNS failure)";
        }
        if (e instanceof ConnectException || root instanceof ConnectException) {
            return "could not connect to " + host + " (" + oneLine(root.getMessage(), "connection refused") + ")";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer from " + host + " within " + RESPONSE_TIMEOUT.toSeconds() + " s";
        }
        return oneLine(e.getMessage(), e.getClass().getSimpleName()) + "; run again to resume";
    }

    private static String describe(int status) {
        return switch (status) {
            case 401, 403 -> " (not allowed: the model may need a token or a licence accepted)";
            case 404 -> " (not found: check the URL)";
            case 429 -> " (too many requests: try again later)";
            default -> status >= 500 ? " (a server error: try again later)" : "";
        };
    }

    private ModelException failure(URI url, Path target, String reason) {
        return new ModelException("could not download " + withoutQuery(url) + ": " + reason + ". Download it yourself to "
                + target.toAbsolutePath() + " or start with --" + pathProperty + "=<file>");
    }

    /** The URL without its query, which may carry a token. */
    private static String withoutQuery(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    private static String oneLine(@Nullable String message, String fallback) {
        return message == null || message.isBlank() ? fallback : message.strip().replaceAll("\\s+", " ");
    }
}
