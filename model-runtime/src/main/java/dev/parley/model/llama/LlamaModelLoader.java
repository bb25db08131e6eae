package dev.parley.model.llama;

import dev.parley.core.model.ChatModel;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Loads candidate models for a hot swap with llama.cpp, in this process, with the serving model's
 * threads, slots, context size and timeout ({@link LlamaChatModel#load}: the GGUF header and the
 * adapter are checked in Java first, then the context the file was trained for). Every failure
 * becomes a one-line {@link ModelRejectedException}.
 *
 * <p>Adapters loaded <em>alongside</em> (the A/B experiment's variant B) are loaded beside each
 * candidate's own; a candidate they do not fit (another base model) loads without them, and
 * {@link #alongsideMissing} says why, so the experiment can stop instead of serving B's
 * conversations silently without B.
 */
public final class LlamaModelLoader implements ModelLoader {

    /** Hex digits of the SHA-256 shown: enough to tell a retrained file from the last one. */
    static final int SHA_PREFIX = 12;

    private final LlamaSettings base;
    private final List<LoraAdapter> alongside;
    private final InstantSource clock;
    /** Why the alongside adapters are missing from a model this loader loaded without them. */
    private final Map<ChatModel, String> missingAlongside = Collections.synchronizedMap(new WeakHashMap<>());

    /** Loads with {@code base}'s settings, its model path and adapters replaced by the candidate's. */
    public LlamaModelLoader(LlamaSettings base) {
        this(base, List.of(), InstantSource.system());
    }

    /**
     * Loads as {@link #LlamaModelLoader(LlamaSettings)} does, with {@code alongside} beside each
     * candidate's own adapter where they fit.
     */
    public LlamaModelLoader(LlamaSettings base, List<LoraAdapter> alongside) {
        this(base, alongside, InstantSource.system());
    }

    /** As {@link #LlamaModelLoader(LlamaSettings, List)}; the candidates' chat templates read {@code clock}. */
    public LlamaModelLoader(LlamaSettings base, List<LoraAdapter> alongside, InstantSource clock) {
        this.base = Objects.requireNonNull(base, "base");
        this.alongside = List.copyOf(alongside);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Why the alongside adapters did not load on {@code model}, one line; empty when they did (or there are none). */
    public Optional<String> alongsideMissing(ChatModel model) {
        return Optional.ofNullable(missingAlongside.get(model));
    }

    @Override
    public LoadedModel load(ModelSpec spec) {
        LlamaChatModel model;
        if (alongside.isEmpty()) {
            model = loadChecked(spec, List.of());
        } else {
            try {
                model = loadChecked(spec, alongside);
            } catch (ModelRejectedException withAlongside) {
                model = loadChecked(spec, List.of()); // its own failure is the one to report
                missingAlongside.put(model, withAlongside.getMessage());
            }
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

    private LlamaChatModel loadChecked(ModelSpec spec, List<LoraAdapter> extra) {
        LlamaSettings settings;
        try {
            settings = settingsFor(spec, extra);
        } catch (IllegalArgumentException e) {
            throw new ModelRejectedException(ErrorText.oneLine(e), e);
        }
        try {
            return LlamaChatModel.load(settings, clock);
        } catch (ModelException e) {
            // InvalidModelFileException too: missing, truncated, foreign, too short a context
            throw new ModelRejectedException(ErrorText.oneLine(e), e);
        }
    }

    /** The serving settings with the candidate's files. */
    LlamaSettings settingsFor(ModelSpec spec) {
        return settingsFor(spec, List.of());
    }

    /** The serving settings with the candidate's files and {@code extra} adapters not already among them. */
    LlamaSettings settingsFor(ModelSpec spec, List<LoraAdapter> extra) {
        List<LoraAdapter> adapters = new ArrayList<>();
        if (spec.lora() != null) {
            adapters.add(new LoraAdapter(spec.lora(), spec.loraScale()));
        }
        extra.stream().filter(adapter -> !adapter.path().equals(spec.lora())).forEach(adapters::add);
        return new LlamaSettings(spec.model(), base.threads(), base.contextSize(), base.parallel(), base.gpuLayers(),
                base.generationTimeout(), adapters, base.flashAttention(), base.hostCacheBytes());
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
