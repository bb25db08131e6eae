package dev.parley.model.llama;

import dev.parley.core.model.ModelException;
import dev.parley.core.modelswap.LoadedModel;
import dev.parley.core.modelswap.ModelInfo;
import dev.parley.core.modelswap.ModelLoader;
import dev.parley.core.modelswap.ModelRejectedException;
import dev.parley.core.modelswap.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Loads candidate models for a hot swap with llama.cpp, in this process, with the serving model's
 * threads, slots, context size and timeout ({@link LlamaChatModel#load}: the GGUF header and the
 * adapter are checked in Java first, then the context the file was trained for). Every failure
 * becomes a one-line {@link ModelRejectedException}.
 */
public final class LlamaModelLoader implements ModelLoader {

    /** Hex digits of the SHA-256 shown: enough to tell a retrained file from the last one. */
    static final int SHA_PREFIX = 12;

    private final LlamaSettings base;
    private final InstantSource clock;

    /** Loads with {@code base}'s settings, its model path and adapters replaced by the candidate's. */
    public LlamaModelLoader(LlamaSettings base) {
        this(base, InstantSource.system());
    }

    /** As {@link #LlamaModelLoader(LlamaSettings)}; the candidates' chat templates read {@code clock}. */
    public LlamaModelLoader(LlamaSettings base, InstantSource clock) {
        this.base = Objects.requireNonNull(base, "base");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public LoadedModel load(ModelSpec spec) {
        LlamaSettings settings;
        try {
            settings = settingsFor(spec);
        } catch (IllegalArgumentException e) {
            throw new ModelRejectedException(ErrorText.oneLine(e), e);
        }
        LlamaChatModel model;
        try {
            model = LlamaChatModel.load(settings, clock);
        } catch (ModelException e) {
            // InvalidModelFileException too: missing, truncated, foreign, too short a context
            throw new ModelRejectedException(ErrorText.oneLine(e), e);
        }
        try {
            return new LoadedModel(model, describe(model, spec));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * What {@code model}, loaded from {@code spec}, is: its file's hash, architecture and context.
     *
     * @throws ModelRejectedException if the file cannot be read to hash it
     */
    public ModelInfo describe(LlamaChatModel model, ModelSpec spec) {
        return new ModelInfo(spec, sha256Prefix(spec.model()), model.header().architecture(), model.contextSize());
    }

    /** The serving settings with the candidate's files. */
    LlamaSettings settingsFor(ModelSpec spec) {
        List<LoraAdapter> adapters = spec.lora() == null ? List.of() : List.of(new LoraAdapter(spec.lora(), spec.loraScale()));
        return new LlamaSettings(spec.model(), base.threads(), base.contextSize(), base.parallel(), base.gpuLayers(),
                base.generationTimeout(), adapters, base.flashAttention());
    }

    private static String sha256Prefix(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, SHA_PREFIX);
        } catch (IOException e) {
            throw new ModelRejectedException("could not read " + file.getFileName() + " to hash it: " + ErrorText.oneLine(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
