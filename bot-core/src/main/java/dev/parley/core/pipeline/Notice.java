package dev.parley.core.pipeline;

import java.util.Objects;

/** A short message from the bot itself rather than from the model: why something did not happen. */
public record Notice(Kind kind, String text) {

    /** What the notice is about, so adapters can show it fittingly (ephemeral, reply, edit). */
    public enum Kind {
        COMMAND_REPLY,
        INPUT_BLOCKED,
        OUTPUT_BLOCKED,
        RATE_LIMITED,
        /** The author may not use the bot here: blocked or muted; the text says why and until when. */
        ACCESS_DENIED,
        /** A budget per day or month is used up; the text says which and when it renews. */
        OVER_QUOTA,
        BUSY,
        /** The request waits in line; the text says its place. */
        QUEUED,
        /** A request that waited too long was given up. */
        EXPIRED,
        /** A reply was stopped at its author's request; what was shown of it stays. */
        STOPPED,
        TOO_LONG,
        FAILED
    }

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }
}
