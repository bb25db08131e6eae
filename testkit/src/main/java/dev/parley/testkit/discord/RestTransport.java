package dev.parley.testkit.discord;

import dev.parley.testkit.json.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP side of the fake REST API: parses requests (JSON or multipart with
 * {@code payload_json}), checks the bot token, applies injected faults, records every request and
 * hands the rest to a {@link Router}. Dispatches a reply asks for run after the reply is written.
 */
final class RestTransport {

    /** Answers a parsed request, or returns null for a route it does not know. */
    interface Router {
        @Nullable RestReply route(RestRequest request);
    }

    static final String API_PREFIX = "/api/v10/";
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

    private record Fault(
            @Nullable String method, Pattern path, int count, int status, long retryAfter, int code, String message) {}

    private final String token;
    private final Snowflakes ids;
    private final Router router;
    private final Runnable onChange;
    private final List<Fault> faults = new ArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> unknown = new CopyOnWriteArrayList<>();
    private final List<UploadedFile> uploads = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer http;
    private volatile @Nullable ChannelRateLimit channelLimit;

    RestTransport(String token, Snowflakes ids, Router router, Runnable onChange) throws IOException {
        this.token = token;
        this.ids = ids;
        this.router = router;
        this.onChange = onChange;
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext(API_PREFIX, this::handle);
        http.setExecutor(threads);
        http.start();
    }

    /** The files of accepted multipart requests, oldest first. */
    List<UploadedFile> uploads() {
        return List.copyOf(uploads);
    }

    int port() {
        return http.getAddress().getPort();
    }

    void stop() {
        http.stop(0);
        threads.shutdownNow();
    }

    List<RecordedRequest> requests() {
        return requests;
    }

    List<RecordedRequest> unknownRequests() {
        return unknown;
    }

    /** From now on, limits message sends and edits per channel; null turns the limit off. */
    void limitChannels(@Nullable ChannelRateLimit limit) {
        this.channelLimit = limit;
    }

    void addFault(String routePattern, int count, int status, long retryAfter, int code, String message) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        if (retryAfter < 0) {
            throw new IllegalArgumentException("retry-after must not be negative: " + retryAfter);
        }
        String[] parts = routePattern.trim().split("\\s+", 2);
        String method = parts.length == 2 ? parts[0].toUpperCase() : null;
        String path = parts.length == 2 ? parts[1] : parts[0];
        synchronized (faults) {
            faults.add(new Fault(method, RouteGlob.toRegex(path.startsWith("/") ? path.substring(1) : path),
                    count, status, retryAfter, code, message));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase();
            String rawPath = exchange.getRequestURI().getRawPath();
            String path = rawPath.substring(Math.min(rawPath.length(), API_PREFIX.length()));
            if (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            List<String> segments = new ArrayList<>();
            for (String segment : path.split("/")) {
                segments.add(URLDecoder.decode(segment, StandardCharsets.UTF_8));
            }
            Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
            byte[] bytes;
            try (InputStream in = exchange.getRequestBody()) {
                bytes = in.readAllBytes();
            }
            String contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type")).orElse("");
            Object body = null;
            List<String> files = new ArrayList<>();
            Map<String, byte[]> fileContents = new java.util.LinkedHashMap<>();
            RestReply reply = null;
            try {
                if (contentType.startsWith("multipart/form-data")) {
                    body = parseMultipart(bytes, contentType, files, fileContents);
                } else if (bytes.length > 0) {
                    body = Json.parse(new String(bytes, StandardCharsets.UTF_8));
                }
            } catch (RuntimeException e) {
                reply = RestReply.error(400, 50109, "The request body contains invalid JSON.");
            }
            RestRequest request = new RestRequest(method, List.copyOf(segments), String.join("/", segments), query, body, files);
            boolean tokenInPath = segments.getFirst().equals("interactions") || segments.getFirst().equals("webhooks");
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (reply == null && !tokenInPath && !("Bot " + token).equals(authorization)) {
                reply = RestReply.error(401, 0, "401: Unauthorized");
            }
            Fault fault = reply == null ? takeFault(method, request.path()) : null;
            if (fault != null) {
                reply = faultReply(exchange, fault);
            }
            if (reply == null) {
                reply = applyChannelLimit(exchange, request);
            }
            boolean known = true;
            if (reply == null) {
                try {
                    reply = router.route(request);
                } catch (RuntimeException e) {
                    reply = RestReply.error(400, 50035, "Invalid Form Body: " + e.getMessage());
                }
                if (reply == null) {
                    known = false;
                    reply = RestReply.error(404, 0, "404: Not Found");
                }
            }
            RecordedRequest recorded = new RecordedRequest(method, request.path(), query, body, List.copyOf(files),
                    reply.status(), ids.now());
            if (reply.status() < 300) {
                fileContents.forEach((name, content) -> uploads.add(new UploadedFile(request.path(), name, content)));
            }
            requests.add(recorded);
            if (!known) {
                unknown.add(recorded);
            }
            write(exchange, reply);
            if (reply.after() != null) {
                reply.after().run();
            }
        } finally {
            onChange.run();
        }
    }

    private @Nullable Fault takeFault(String method, String path) {
        synchronized (faults) {
            for (int i = 0; i < faults.size(); i++) {
                Fault fault = faults.get(i);
                if ((fault.method() == null || fault.method().equals(method)) && fault.path().matcher(path).matches()) {
                    if (fault.count() <= 1) {
                        faults.remove(i);
                    } else {
                        faults.set(i, new Fault(fault.method(), fault.path(), fault.count() - 1, fault.status(),
                                fault.retryAfter(), fault.code(), fault.message()));
                    }
                    return fault;
                }
            }
            return null;
        }
    }

    private RestReply faultReply(HttpExchange exchange, Fault fault) {
        if (fault.status() != 429) {
            return RestReply.error(fault.status(), fault.code(), fault.message());
        }
        Duration retryAfter = Duration.ofSeconds(fault.retryAfter());
        String bucket = "fake-" + Integer.toHexString(fault.path().pattern().hashCode());
        return rateLimited(exchange, 5, retryAfter, bucket, fault.message());
    }

    /** Answers a channel's message sends and edits with 429 once its window is full; else adds its bucket headers. */
    private @Nullable RestReply applyChannelLimit(HttpExchange exchange, RestRequest request) {
        ChannelRateLimit limit = channelLimit;
        boolean channelSend = request.is("POST", "channels", "*", "messages")
                || request.is("PATCH", "channels", "*", "messages", "*");
        if (limit == null || !channelSend) {
            return null;
        }
        long channelId;
        try {
            channelId = Long.parseUnsignedLong(request.segment(1));
        } catch (NumberFormatException e) {
            return null;
        }
        ChannelRateLimit.Decision decision = limit.admit(channelId, ids.now());
        String bucket = "channel-messages";
        if (!decision.admitted()) {
            return rateLimited(exchange, decision.limit(), decision.resetAfter(), bucket, "You are being rate limited.");
        }
        bucketHeaders(exchange, decision.limit(), decision.remaining(), decision.resetAfter(), bucket);
        return null;
    }

    private RestReply rateLimited(HttpExchange exchange, int limit, Duration retryAfter, String bucket, String message) {
        // JDA reads Retry-After as whole seconds
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        bucketHeaders(exchange, limit, 0, retryAfter, bucket);
        var headers = exchange.getResponseHeaders();
        headers.add("Retry-After", Long.toString(seconds));
        // Discord's own 429s pass through its proxy; JDA reads a missing Via as a Cloudflare ban
        headers.add("Via", "1.1 google");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("retry_after", retryAfter.toMillis() / 1000.0);
        body.put("global", false);
        return new RestReply(429, body, null);
    }

    private void bucketHeaders(HttpExchange exchange, int limit, int remaining, Duration resetAfter, String bucket) {
        var headers = exchange.getResponseHeaders();
        Instant resetAt = ids.now().plus(resetAfter);
        headers.add("X-RateLimit-Limit", Integer.toString(limit));
        headers.add("X-RateLimit-Remaining", Integer.toString(remaining));
        headers.add("X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f", resetAt.toEpochMilli() / 1000.0));
        headers.add("X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", resetAfter.toMillis() / 1000.0));
        headers.add("X-RateLimit-Bucket", bucket);
        headers.add("X-RateLimit-Scope", "user");
    }

    private static void write(HttpExchange exchange, RestReply reply) throws IOException {
        if (reply.body() == null) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        byte[] bytes = Json.write(reply.body()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parseQuery(@Nullable String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    /** Reads the {@code payload_json} part as the body and collects the file names of the other parts. */
    private static @Nullable Object parseMultipart(byte[] bytes, String contentType, List<String> files,
            Map<String, byte[]> contents) {
        var matcher = BOUNDARY.matcher(contentType);
        if (!matcher.find()) {
            throw new IllegalArgumentException("multipart without boundary");
        }
        // ISO-8859-1 maps every byte to one char, so binary file parts survive the split
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Object payload = null;
        for (String part : text.split("--" + Pattern.quote(matcher.group(1)))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headerEnd);
            String content = part.substring(headerEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            var filename = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            if (filename.find()) {
                String name = new String(filename.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                files.add(name);
                contents.put(name, content.getBytes(StandardCharsets.ISO_8859_1));
            } else if (headers.contains("name=\"payload_json\"")) {
                payload = Json.parse(new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            }
        }
        return payload;
    }
}
