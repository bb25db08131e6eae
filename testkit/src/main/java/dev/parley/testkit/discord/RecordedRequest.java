package dev.parley.testkit.discord;

import dev.parley.testkit.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One REST request the fake server received, as the client sent it.
 *
 * @param method the HTTP method, upper case
 * @param path the path after {@code /api/v10/}, without the query, e.g. {@code channels/1/messages}
 * @param query the query parameters (last value wins)
 * @param body the parsed JSON body ({@code Map}, {@code List}, ... ; for multipart requests the
 *     {@code payload_json} part), or null when there was none
 * @param files the file names of multipart uploads
 * @param status the status the server answered with
 * @param at when the server received it
 */
public record RecordedRequest(
        String method,
        String path,
        Map<String, String> query,
        @Nullable Object body,
        List<String> files,
        int status,
        Instant at) {

    /** Whether the method matches and the path matches a glob in which {@code *} stands for one segment. */
    public boolean matches(String method, String pathGlob) {
        return this.method.equalsIgnoreCase(method) && RouteGlob.matches(pathGlob, path);
    }

    /** The body as a JSON object; an empty map when the body is no object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> json() {
        return body instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** The segment of the path at this index, e.g. {@code segment(1)} is the channel of {@code channels/1/messages}. */
    public String segment(int index) {
        String[] parts = path.split("/");
        return index < parts.length ? parts[index] : "";
    }

    @Override
    public String toString() {
        return method + " " + path + " -> " + status + (body == null ? "" : " " + Json.write(body));
    }
}
