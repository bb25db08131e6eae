package dev.parley.testkit.discord;

import dev.parley.testkit.json.Json;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A request to the fake REST API, its path split into decoded segments after {@code /api/v10/}. */
record RestRequest(
        String method,
        List<String> segments,
        String path,
        Map<String, String> query,
        @Nullable Object body,
        List<String> files) {

    /** Whether method and segments match; {@code "*"} matches any one segment. */
    boolean is(String expectedMethod, String... pattern) {
        if (!method.equals(expectedMethod) || segments.size() != pattern.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (!pattern[i].equals("*") && !pattern[i].equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    String segment(int index) {
        return segments.get(index);
    }

    /** The body as a JSON object, or an empty map. */
    Map<String, Object> json() {
        return Json.asObject(body);
    }
}
