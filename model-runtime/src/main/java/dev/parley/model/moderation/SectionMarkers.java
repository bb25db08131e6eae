package dev.parley.model.moderation;

import dev.parley.model.llama.SpecialTokenSanitizer;
import java.util.List;

/**
 * The section markers of a guard prompt ({@code <BEGIN CONVERSATION>}...), which a judged text
 * must not contain: with them it could close the conversation early and append instructions of
 * its own.
 */
record SectionMarkers(List<String> markers) {

    SectionMarkers {
        markers = List.copyOf(markers);
    }

    /** {@code text} without any marker, removed until none is left (a removal may join a new one). */
    String removeFrom(String text) {
        return SpecialTokenSanitizer.removeAll(text, markers);
    }
}
