package dev.parley.core.moderation;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One text to judge, as providers receive it.
 *
 * @param text the text as written, for providers that read it themselves (an LLM guard, an endpoint)
 * @param normalised the text as {@link TextNormaliser} made it, for the local tier
 * @param direction which way the text travels
 * @param languageHint an IETF language tag such as {@code "pt"} if the caller knows it, else null;
 *     the local tier reads Portuguese and English together and ignores it
 * @param inReplyTo for a reply ({@link Direction#OUTPUT}), the user's message it answers, as written,
 *     if the caller knows it, else null; only providers that {@linkplain ModerationProvider#readsPrompt()
 *     read the prompt} use it (a guard model judges a reply in its conversation, as it was trained to)
 */
public record ModerationRequest(String text, String normalised, Direction direction, @Nullable String languageHint,
        @Nullable String inReplyTo) {

    public ModerationRequest {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(normalised, "normalised");
        Objects.requireNonNull(direction, "direction");
        if (inReplyTo != null && direction != Direction.OUTPUT) {
            throw new IllegalArgumentException("only a reply answers a message; this text travels " + direction);
        }
    }

    /** A text judged on its own, with no message it answers. */
    public ModerationRequest(String text, String normalised, Direction direction, @Nullable String languageHint) {
        this(text, normalised, direction, languageHint, null);
    }
}
