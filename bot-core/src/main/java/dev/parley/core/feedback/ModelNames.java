package dev.parley.core.feedback;

import java.util.Objects;

/**
 * Which model produced an answer, as the dataset names it.
 *
 * @param model the model's name (its file name)
 * @param adapter the LoRA adapter's name, or "" for none
 */
public record ModelNames(String model, String adapter) {

    public ModelNames {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(adapter, "adapter");
    }
}
