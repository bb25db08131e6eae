package dev.parley.core.regenerate;

import dev.parley.core.conversation.InboundMessage;
import java.util.Objects;

/**
 * A claimed press of <em>Regenerate</em>: the answer to replace. Holding one, nobody else can
 * regenerate that answer until it is {@linkplain RegenerableAnswers#release released} or replaced.
 */
public record Regeneration(ShownAnswer replaced) {

    public Regeneration {
        Objects.requireNonNull(replaced, "replaced");
    }

    /** The question to answer again. */
    public InboundMessage question() {
        return replaced.question();
    }
}
