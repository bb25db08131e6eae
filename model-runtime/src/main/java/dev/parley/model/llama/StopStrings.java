package dev.parley.model.llama;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The end-of-turn markers a chat template uses, passed as stop strings so that a model which
 * spells a marker out as plain text (instead of emitting the control token) still stops there.
 */
final class StopStrings {

    private static final List<String> END_MARKERS = List.of(
            "<|im_end|>", "<|eot_id|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "</s>");

    private StopStrings() {}

    /** The markers {@code template} contains; ChatML's when there is no template (llama.cpp's fallback). */
    static List<String> of(@Nullable String template) {
        if (template == null) {
            return List.of("<|im_end|>", "<|im_start|>");
        }
        List<String> stops = new ArrayList<>();
        for (String marker : END_MARKERS) {
            if (template.contains(marker)) {
                stops.add(marker);
            }
        }
        if (template.contains("<|im_start|>")) {
            stops.add("<|im_start|>");
        }
        return List.copyOf(stops);
    }
}
