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
 */
public record ModerationRequest(String text, String normalised, Direction direction, @Nullable String languageHint) {

    public ModerationRequest {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(normalised, "normalised");
        Objects.requireNonNull(direction, "direction");
    }
}
