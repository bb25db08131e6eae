package dev.parley.core.privacy;

import java.util.Arrays;
import java.util.Objects;

/** A file sent to one user privately: its name, its bytes and a one-line caption. */
public record ExportFile(String name, byte[] content, String caption) {

    public ExportFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(caption, "caption");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExportFile file && name.equals(file.name) && Arrays.equals(content, file.content)
                && caption.equals(file.caption);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(content), caption);
    }

    @Override
    public String toString() {
        return "ExportFile[" + name + ", " + content.length + " bytes]"; // never the user's data in a log
    }
}
