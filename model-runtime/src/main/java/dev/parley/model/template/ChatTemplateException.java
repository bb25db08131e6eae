package dev.parley.model.template;

/**
 * A chat template that could not be rendered: a syntax error, an error it raised itself, or a
 * limit it ran into. The message is one line and says which.
 */
public final class ChatTemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, folded onto one line. */
    public ChatTemplateException(String message) {
        super(oneLine(message));
    }

    /** A failure described by {@code message}, folded onto one line, caused by {@code cause}. */
    public ChatTemplateException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
