package dev.parley.model.serve;

import org.jspecify.annotations.Nullable;

/**
 * A request the server answers with an error status and OpenAI's error body
 * {@code {"error": {"message", "type", "param", "code"}}}.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final String type;
    private final @Nullable String param;
    private final @Nullable String code;

    ApiError(int status, String type, @Nullable String param, @Nullable String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    /** HTTP 400 for a field that is missing or wrong; {@code param} names it. */
    static ApiError invalid(@Nullable String param, String message) {
        return new ApiError(400, "invalid_request_error", param, null, message);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    @Nullable String param() {
        return param;
    }

    @Nullable String code() {
        return code;
    }
}
