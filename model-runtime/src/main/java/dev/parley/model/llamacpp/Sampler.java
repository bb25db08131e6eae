package dev.parley.model.llamacpp;

import java.util.Objects;

/**
 * One conversation's sampler chain ({@link SamplerParameters}): each sequence of a batch is
 * sampled with its own, so its seed and history are its own. Not thread-safe; {@link #close()}
 * is idempotent and frees the native chain.
 */
public final class Sampler implements AutoCloseable {

    private long handle;

    private Sampler(long handle) {
        this.handle = handle;
    }

    /**
     * A new chain for {@code parameters}.
     *
     * @throws LlamaCppException if the binding is unavailable
     */
    public static Sampler of(SamplerParameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        NativeLibrary.get().requireAvailable();
        return new Sampler(LlamaJni.newSampler(parameters.temperature(), parameters.topP(), (int) parameters.seed()));
    }

    long handle() {
        if (handle == 0) {
            throw new IllegalStateException("the sampler is closed");
        }
        return handle;
    }

    @Override
    public void close() {
        if (handle != 0) {
            LlamaJni.freeSampler(handle);
            handle = 0;
        }
    }
}
