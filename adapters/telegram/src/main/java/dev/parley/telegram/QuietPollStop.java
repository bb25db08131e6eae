package dev.parley.telegram;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Ends the long poll in flight when the adapter stops, in a way TelegramBots reads as an empty
 * answer. Cancelling the poll's call, OkHttp's usual way, makes TelegramBots log a 29-line ERROR
 * (and, once interrupted in its back-off, a WARN) on every clean shutdown; here the poll's socket
 * is closed instead, and the failure that follows is answered with "no updates". Only once
 * {@link #stop()} was called: before that, every failure of a poll reaches TelegramBots, and its
 * log, as it is.
 *
 * <p>Both interceptors go on the polling client alone, which runs one poll at a time (on the
 * adapter's single poll thread).
 */
final class QuietPollStop {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final String NO_UPDATES = "{\"ok\":true,\"result\":[]}";

    private volatile boolean stopping;
    private volatile @Nullable Socket inFlight;

    /**
     * The application interceptor: reads each answer whole (a poll's answer arrives all at once
     * when the poll ends), so a failure while stopping, headers or body, becomes "no updates".
     */
    Interceptor emptyAnswerWhenStopping() {
        return chain -> {
            Request request = chain.request();
            if (stopping) {
                return noUpdates(request);
            }
            try (Response response = chain.proceed(request)) {
                ResponseBody body = response.body();
                byte[] bytes = body.bytes();
                return response.newBuilder().body(ResponseBody.create(bytes, body.contentType())).build();
            } catch (IOException e) {
                if (stopping) {
                    return noUpdates(request);
                }
                throw e;
            } finally {
                inFlight = null;
            }
        };
    }

    /** The network interceptor: remembers the socket the poll waits on, so {@link #stop()} can close it. */
    Interceptor rememberSocket() {
        return chain -> {
            Connection connection = chain.connection();
            inFlight = connection == null ? null : connection.socket();
            if (stopping) {
                // stop() may have looked before this poll's socket was known; not retried by OkHttp
                throw new InterruptedIOException("the Telegram adapter is stopping");
            }
            return chain.proceed(chain.request());
        };
    }

    /** Ends the poll in flight, if any; every later poll is answered at once with "no updates". */
    void stop() {
        stopping = true;
        Socket socket = inFlight;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing is all we wanted; a socket that will not close fails the poll all the same
            }
        }
    }

    private static Response noUpdates(Request request) {
        return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(200).message("OK")
                .body(ResponseBody.create(NO_UPDATES, JSON)).build();
    }
}
