package dev.parley.model.llama;

/** Turns exceptions from the native library into the one-line text our messages carry. */
final class ErrorText {

    private static final int MAX_LENGTH = 300;

    private ErrorText() {}

    /** The throwable's message on one line, shortened; its class name when it has no message. */
    static String oneLine(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        String line = message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "..." : line;
    }
}
