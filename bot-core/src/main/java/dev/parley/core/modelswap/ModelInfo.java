package dev.parley.core.modelswap;

import java.util.Objects;

/**
 * What a loaded model is, for {@code /model show} and the audit log.
 *
 * @param spec the files it was loaded from
 * @param sha256Prefix the first hex digits of the model file's SHA-256, to tell files apart
 * @param architecture the GGUF architecture ({@code llama}, {@code qwen3}, ...)
 * @param contextSize tokens of context each of its slots holds
 */
public record ModelInfo(ModelSpec spec, String sha256Prefix, String architecture, int contextSize) {

    public ModelInfo {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(sha256Prefix, "sha256Prefix");
        Objects.requireNonNull(architecture, "architecture");
    }
}
