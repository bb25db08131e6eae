package dev.parley.core.modelswap;

/**
 * The port that loads a model from files (llama.cpp in model-runtime). It checks what it can
 * before native code sees the files: the GGUF header, the adapter against the model, the context
 * the model was trained for.
 */
public interface ModelLoader {

    /**
     * Loads {@code spec}, with the serving model's threads, slots and context size.
     *
     * @throws ModelRejectedException naming the problem in one line; nothing stays loaded then
     */
    LoadedModel load(ModelSpec spec);
}
