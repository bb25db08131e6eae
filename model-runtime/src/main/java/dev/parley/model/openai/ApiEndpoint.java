package dev.parley.model.openai;

import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The checks every OpenAI-compatible client and server of Parley makes of its settings: a
 * server's root URL (http or https with a host, no query or fragment, a trailing {@code /} or
 * {@code /v1} dropped) and a bearer API key (printable ASCII without spaces). Each error names the
 * setting as the caller calls it.
 */
public final class ApiEndpoint {

    private ApiEndpoint() {}

    /**
     * {@code url} as the root that request paths are appended to.
     *
     * @param name the setting in error messages, such as {@code baseUrl}
     * @throws IllegalArgumentException if it is not an http or https URL with a host, or has a query or fragment
     */
    public static URI root(URI url, String name) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http or https URL with a host, was " + url);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(name + " must have no query or fragment, was " + url);
        }
        String text = url.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith("/v1")) {
            text = text.substring(0, text.length() - 3);
        }
        return URI.create(text);
    }

    /**
     * Checks a bearer token; null (no key) passes.
     *
     * @param name the setting in error messages, such as {@code apiKey}
     * @throws IllegalArgumentException if it is blank or holds anything but printable ASCII
     */
    public static void checkApiKey(@Nullable String key, String name) {
        if (key != null && (key.isBlank() || key.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
            throw new IllegalArgumentException(name + " must be printable ASCII without spaces (or absent)");
        }
    }
}
