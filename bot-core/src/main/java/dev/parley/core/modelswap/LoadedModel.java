package dev.parley.core.modelswap;

import dev.parley.core.model.ChatModel;
import java.util.Objects;

/** A model loaded by a {@link ModelLoader}, with what it is. The holder closes the model. */
public record LoadedModel(ChatModel model, ModelInfo info) {

    public LoadedModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(info, "info");
    }
}
