package dev.parley.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The adapter's HTTP endpoint in webhook mode: Telegram posts one update per request. A request
 * without the right secret token is refused (401) before its body is read; an update is answered
 * 200 only once handed to the core, so one that arrives while the adapter stops is refused (503)
 * and Telegram delivers it again after the restart: none is lost, and the core ignores an update
 * it already saw.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** Updates are small; anything far larger is not Telegram's. */
    private static final int MAX_BODY = 1 << 20;

    private final UpdateIntake intake;
    private final byte[] secret;
    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer http;

    WebhookReceiver(WebhookSettings settings, UpdateIntake intake) throws IOException {
        this.intake = intake;
        this.secret = settings.secretToken().getBytes(StandardCharsets.UTF_8);
        this.http = HttpServer.create(new InetSocketAddress(settings.port()), 0);
        http.setExecutor(requests);
        http.createContext(settings.path(), this::receive);
    }

    void start() {
        http.start();
    }

    /** The port listened on (the configured one, or the one chosen for port 0). */
    int port() {
        return http.getAddress().getPort();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405);
                return;
            }
            String given = exchange.getRequestHeaders().getFirst(SECRET_HEADER);
            if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
                LOG.warn("Telegram webhook: refused a request from {} without the secret token",
                        exchange.getRemoteAddress().getAddress().getHostAddress());
                answer(exchange, 401);
                return;
            }
            Update update;
            try (InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readNBytes(MAX_BODY + 1);
                if (bytes.length > MAX_BODY) {
                    answer(exchange, 413);
                    return;
                }
                update = json.readValue(bytes, Update.class);
            } catch (IOException e) {
                LOG.warn("Telegram webhook: a body that is not an update ({})", e.getClass().getSimpleName());
                answer(exchange, 400);
                return;
            }
            answer(exchange, intake.take(List.of(update)) ? 200 : 503);
        }
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    /** Stops listening, letting requests in progress finish for a moment. */
    @Override
    public void close() {
        http.stop(1);
        requests.shutdownNow();
    }
}
