package dev.parley.model.moderation;

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
        String current = text;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String marker : markers) {
                if (current.contains(marker)) {
                    current = current.replace(marker, "");
                    changed = true;
                }
            }
        }
        return current;
    }
}
