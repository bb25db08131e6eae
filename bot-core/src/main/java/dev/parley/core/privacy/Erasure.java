package dev.parley.core.privacy;

import java.util.List;
import java.util.Objects;

/**
 * What one store did for {@code /forget me}: how many rows it deleted or made anonymous, and what
 * it kept on purpose, each said in a few words for the user (an admin's ban, a mute still running).
 */
public record Erasure(String section, int deleted, List<String> kept) {

    public Erasure {
        Objects.requireNonNull(section, "section");
        if (deleted < 0) {
            throw new IllegalArgumentException("deleted must not be negative");
        }
        kept = List.copyOf(kept);
    }

    /** Deleted {@code deleted} rows and kept nothing. */
    public static Erasure of(String section, int deleted) {
        return new Erasure(section, deleted, List.of());
    }
}
