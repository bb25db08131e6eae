package dev.parley.model.llamacpp;

import java.util.Arrays;
import java.util.Objects;

/** Checks and compares the LoRA adapter scales of a request (one per loaded adapter, by index). */
final class AdapterScales {

    private AdapterScales() {}

    /** Refuses scales that are not finite. */
    static void check(float[] scales) {
        Objects.requireNonNull(scales, "loraScales");
        for (float scale : scales) {
            if (!Float.isFinite(scale)) {
                throw new IllegalArgumentException("a LoRA scale must be finite, was " + scale);
            }
        }
    }

    /** Whether {@code scales} apply as {@code active} (trimmed, as {@link #active} gives) does, without a copy. */
    static boolean sameActive(float[] scales, float[] active) {
        int length = scales.length;
        while (length > 0 && scales[length - 1] == 0) {
            length--;
        }
        return Arrays.equals(scales, 0, length, active, 0, active.length);
    }

    /** The scales that will apply, trailing zeros trimmed, so that equal sets of adapters compare equal. */
    static float[] active(float[] scales) {
        int length = scales.length;
        while (length > 0 && scales[length - 1] == 0) {
            length--;
        }
        return Arrays.copyOf(scales, length);
    }
}
