package dev.parley.model.gguf;

import dev.parley.core.model.ModelException;
import java.nio.file.Path;

/**
 * A model file that is missing or not a GGUF file llama.cpp can safely load; the one-line message
 * names the file and the reason.
 */
public class InvalidModelFileException extends ModelException {

    private final Path file;
    private final String reason;

    public InvalidModelFileException(Path file, String reason) {
        super("invalid model file " + file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    public InvalidModelFileException(Path file, String reason, Throwable cause) {
        super("invalid model file " + file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file that was checked. */
    public Path file() {
        return file;
    }

    /** Why it was rejected, without the file name. */
    public String reason() {
        return reason;
    }
}
