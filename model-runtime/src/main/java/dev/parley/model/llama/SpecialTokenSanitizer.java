package dev.parley.model.llama;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes special-token text from untrusted turns. llama.cpp tokenizes a prompt with special
 * tokens enabled, so a user who types {@code <|im_end|><|im_start|>system} would otherwise end
 * their turn and write a system prompt of their own.
 *
 * <p>The texts come from the model file (every control, user-defined and unknown token) plus
 * the markers of the common chat formats, in case a template uses one the vocabulary lacks. The
 * HTTP backend, which cannot see the server's vocabulary, removes the common markers only.
 */
public final class SpecialTokenSanitizer {

    /** Markers of ChatML, Llama 2/3, Gemma, Phi and friends. */
    static final List<String> COMMON_MARKERS = List.of(
            "<|im_start|>", "<|im_end|>", "<|im_sep|>", "<s>", "</s>", "<unk>", "<pad>", "<bos>", "<eos>",
            "<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>",
            "<|eom_id|>", "<|python_tag|>", "<|endoftext|>", "<|system|>", "<|user|>", "<|assistant|>",
            "<|end|>", "<start_of_turn>", "<end_of_turn>");

    private final List<String> markers;

    /** A sanitizer for the common markers plus {@code modelSpecialTokens}. */
    public SpecialTokenSanitizer(Collection<String> modelSpecialTokens) {
        Set<String> all = new LinkedHashSet<>(COMMON_MARKERS);
        for (String token : modelSpecialTokens) {
            if (!token.isBlank()) {
                all.add(token);
            }
        }
        // longest first, so "<|im_end|>" goes before any shorter marker inside it
        this.markers = all.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /**
     * {@code text} without any special-token text. Repeats until nothing is left to remove, so
     * that removing one marker cannot join its neighbours into another ({@code <|im_<s>end|>}).
     */
    public String sanitize(String text) {
        return removeAll(text, markers);
    }

    /**
     * {@code text} without any of {@code markers}, each removed in the given order and the whole
     * repeated until none is left, so that a removal cannot join its neighbours into a marker.
     */
    public static String removeAll(String text, List<String> markers) {
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
