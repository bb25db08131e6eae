package dev.parley.model.llamacpp;

import java.util.ArrayList;
import java.util.List;

/**
 * The LoRA adapters loaded into one model, by index in load order, and which of them a context
 * applies at what scale. llama.cpp frees them with the model. Use holding the model's work lock.
 */
final class LoadedAdapters {

    private final List<Long> handles = new ArrayList<>();

    /** Records a loaded adapter's handle; returns its index. */
    int add(long handle) {
        handles.add(handle);
        return handles.size() - 1;
    }

    int count() {
        return handles.size();
    }

    /** Refuses more scales than adapters. */
    void checkScaleCount(float[] scales) {
        if (scales.length > handles.size()) {
            throw new IllegalArgumentException(scales.length + " LoRA scales for " + handles.size() + " adapters");
        }
    }

    // only adapters with a scale other than 0 are passed, so all-zero scales are the base model exactly
    void apply(long context, float[] scales) {
        int active = 0;
        for (float scale : scales) {
            active += scale != 0 ? 1 : 0;
        }
        long[] chosen = new long[active];
        float[] values = new float[active];
        for (int i = 0, next = 0; i < scales.length; i++) {
            if (scales[i] != 0) {
                chosen[next] = handles.get(i);
                values[next++] = scales[i];
            }
        }
        LlamaJni.setLoraAdapters(context, chosen, values);
    }
}
