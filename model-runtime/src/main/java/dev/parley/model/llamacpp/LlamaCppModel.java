package dev.parley.model.llamacpp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * A llama.cpp model loaded through Parley's binding, with one context. A context of one sequence
 * runs one {@link Generation} at a time; a context of several is decoded through its
 * {@link #batchDecoder()}, all sequences in one batch. Safe to share between threads: decoding
 * is serialised, tokenizing runs beside it, and {@link #close()} cancels a running generation,
 * waits for its native call to return, then frees the model and context. Every method but
 * {@code close} throws {@link IllegalStateException} after close.
 */
public final class LlamaCppModel implements AutoCloseable {

    /** llama.cpp's built-in format used when the model declares no chat template. */
    static final String FALLBACK_TEMPLATE = "chatml";
    /** The most sequences one context holds (llama.cpp's LLAMA_MAX_SEQ). */
    public static final int MAX_SEQUENCES = 256;

    private final ModelParameters parameters;
    private final int vocabSize;
    private final int contextSize;
    private final int sequences;
    // serialises native work on the handles; close takes it after cancelling, so it waits for a decode to stop
    private final ReentrantLock work = new ReentrantLock();
    // vocabulary calls hold its read side, so they run beside a decode; close takes the write side
    private final ReentrantReadWriteLock lifetime = new ReentrantReadWriteLock();
    private final BatchDecoder batchDecoder;
    // guarded by work
    private final LoadedAdapters adapters = new LoadedAdapters();
    // what a one-sequence context holds for the next generation; guarded by work
    private final HeldTokens held = new HeldTokens();
    // guarded by this: the handles are 0 once freed; cancel reads them under the same monitor
    private long model;
    private long context;
    private @Nullable Generation active;

    private LlamaCppModel(ModelParameters parameters, int sequences, long model, long context) {
        this.parameters = parameters;
        this.sequences = sequences;
        this.model = model;
        this.context = context;
        this.vocabSize = LlamaJni.vocabSize(model);
        this.contextSize = LlamaJni.contextSize(context);
        this.batchDecoder = new BatchDecoder(this);
    }

    /**
     * Loads the model and creates its context.
     *
     * @throws LlamaCppException if the binding is unavailable, the file is not a readable GGUF
     *     file, or llama.cpp refuses it (its error text included)
     */
    public static LlamaCppModel load(ModelParameters parameters) {
        return load(parameters, 1);
    }

    /**
     * Loads the model and creates one context of {@code sequences} sequences, each holding
     * {@link ModelParameters#contextSize()} tokens, decoded together through {@link #batchDecoder()}.
     *
     * @param sequences 1 to {@link #MAX_SEQUENCES}
     * @throws LlamaCppException as {@link #load(ModelParameters)}
     */
    public static LlamaCppModel load(ModelParameters parameters, int sequences) {
        Objects.requireNonNull(parameters, "parameters");
        if (sequences < 1 || sequences > MAX_SEQUENCES) {
            throw new IllegalArgumentException("sequences must be within 1.." + MAX_SEQUENCES + ", was " + sequences);
        }
        if ((long) parameters.contextSize() * sequences > ModelParameters.MAX_CONTEXT_SIZE * 4L) {
            throw new IllegalArgumentException(sequences + " sequences of " + parameters.contextSize() + " tokens are too many");
        }
        NativeLibrary.get().requireAvailable();
        Path file = parameters.file();
        GgufMagic.check(file);
        long model = LlamaJni.loadModel(file.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8), parameters.gpuLayers());
        long context;
        try {
            context = LlamaJni.newContext(model, parameters.contextSize(), parameters.batchSize(), parameters.threads(),
                    parameters.flashAttention(), sequences);
        } catch (RuntimeException e) {
            LlamaJni.freeModel(model);
            throw e;
        }
        return new LlamaCppModel(parameters, sequences, model, context);
    }

    /** The parameters the model was loaded with. */
    public ModelParameters parameters() {
        return parameters;
    }

    /** Tokens in the vocabulary; valid ids are {@code 0..vocabSize()-1}. */
    public int vocabSize() {
        return vocabSize;
    }

    /** Tokens each sequence of the context holds (llama.cpp may round the requested size up). */
    public int contextSize() {
        return contextSize;
    }

    /** How many sequences the context holds. */
    public int sequences() {
        return sequences;
    }

    /** Decodes the sequences of this model's context in batches (the only way when it has more than one). */
    public BatchDecoder batchDecoder() {
        return batchDecoder;
    }

    /** The context length the model was trained for. */
    public int trainedContextSize() {
        return underLock(() -> LlamaJni.trainedContextSize(model));
    }

    /**
     * The tokens of {@code text}.
     *
     * @param addSpecial whether to add the model's start (and end) tokens, as for a whole prompt
     * @param parseSpecial whether control-token texts such as {@code <|im_start|>} become control
     *     tokens; false for anything a user typed
     */
    public int[] tokenize(String text, boolean addSpecial, boolean parseSpecial) {
        Objects.requireNonNull(text, "text");
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return underLock(() -> LlamaJni.tokenize(model, utf8, addSpecial, parseSpecial));
    }

    /** The text of {@code tokens}, control tokens left out. */
    public String detokenize(int[] tokens) {
        checkTokens(tokens);
        int[] copy = tokens.clone();
        return new String(underLock(() -> LlamaJni.detokenize(model, copy, false)), StandardCharsets.UTF_8);
    }

    /** The text of one token, control tokens included (such as {@code <s>}): for chat templates. */
    public String tokenText(int token) {
        int[] one = {token};
        checkTokens(one);
        return new String(underLock(() -> LlamaJni.detokenize(model, one, true)), StandardCharsets.UTF_8);
    }

    /** The model's own {@code tokenizer.chat_template}, or null when it declares none. */
    public @Nullable String chatTemplate() {
        byte[] template = underLock(() -> LlamaJni.chatTemplate(model));
        return template == null ? null : new String(template, StandardCharsets.UTF_8);
    }

    /**
     * Renders {@code messages} with llama.cpp's built-in format for the model's chat template
     * (ChatML when it has none). The Jinja template itself is not run: formats llama.cpp does not
     * recognise are refused.
     *
     * @param addAssistantPrompt whether to end with the opening of the assistant's reply
     * @throws LlamaCppException if llama.cpp knows no built-in format for the template
     */
    public String applyChatTemplate(List<ChatMessage> messages, boolean addAssistantPrompt) {
        List<ChatMessage> copy = List.copyOf(messages);
        String template = chatTemplate();
        byte[] templateBytes = (template == null ? FALLBACK_TEMPLATE : template).getBytes(StandardCharsets.UTF_8);
        byte[][] roles = copy.stream().map(m -> m.role().getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        byte[][] contents = copy.stream().map(m -> m.content().getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        byte[] rendered = underLock(() -> LlamaJni.applyChatTemplate(templateBytes, roles, contents, addAssistantPrompt));
        if (rendered == null) {
            throw new LlamaCppException("llama.cpp has no built-in chat format matching this model's template");
        }
        return new String(rendered, StandardCharsets.UTF_8);
    }

    /**
     * Loads a LoRA adapter made for this model; it applies to a generation only at the scale
     * {@link #generate(int[], SamplerParameters, int, float[])} gives it.
     *
     * @return the adapter's index, counting from 0 in load order
     * @throws LlamaCppException if the file is not a readable GGUF file or llama.cpp refuses it
     *     (another model's adapter, say)
     */
    public int loadLoraAdapter(Path file) {
        Objects.requireNonNull(file, "file");
        GgufMagic.check(file);
        byte[] path = file.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
        return underWorkLock(() -> adapters.add(LlamaJni.loadLoraAdapter(model, path)));
    }

    /** How many LoRA adapters {@link #loadLoraAdapter} has loaded. */
    public int loraAdapterCount() {
        return underWorkLock(adapters::count);
    }

    /** Like {@link #generate(int[], SamplerParameters, int, float[])} with every LoRA adapter off. */
    public Generation generate(int[] prompt, SamplerParameters sampler, int maxTokens) {
        return generate(prompt, sampler, maxTokens, new float[0]);
    }

    /**
     * Starts generating a reply to {@code prompt}. The context keeps what the previous generation
     * decoded as far as it is a prefix of {@code prompt} (decoded with the same adapter scales):
     * only the rest is decoded, so the next turn of a conversation pays for its new tokens only
     * ({@link Generation#promptTokensDecoded()}). Nothing is decoded until
     * {@link Generation#next()}. Close the generation (or let it finish) before starting another.
     *
     * @param prompt the prompt's tokens, at least one, fewer than {@link #contextSize()}
     * @param maxTokens the most tokens to generate, at least 1
     * @param loraScales the scale of each loaded LoRA adapter by index, finite; missing or 0: off
     * @throws IllegalStateException if another generation of this model is still open, or the
     *     context holds several sequences (they are decoded through {@link #batchDecoder()})
     */
    public Generation generate(int[] prompt, SamplerParameters sampler, int maxTokens, float[] loraScales) {
        checkTokens(prompt);
        AdapterScales.check(loraScales);
        if (sequences > 1) {
            throw new IllegalStateException("a context of " + sequences + " sequences generates through its batch decoder");
        }
        Objects.requireNonNull(sampler, "sampler");
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt must hold at least one token");
        }
        if (prompt.length >= contextSize) {
            throw new LlamaCppException("a prompt of " + prompt.length + " tokens does not fit a context of " + contextSize);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
        work.lock();
        try {
            synchronized (this) {
                requireOpen();
                if (active != null) {
                    throw new IllegalStateException("another generation of this model is still open: close it first");
                }
                adapters.checkScaleCount(loraScales);
                float[] scales = AdapterScales.active(loraScales);
                int kept = held.reusablePrefix(prompt, scales);
                if (kept == 0 || !LlamaJni.keepPrefix(context, kept)) {
                    LlamaJni.clearMemory(context);
                    kept = 0;
                }
                held.keep(kept, scales);
                adapters.apply(context, loraScales);
                long samplerHandle = LlamaJni.newSampler(sampler.temperature(), sampler.topP(), (int) sampler.seed());
                active = new Generation(this, prompt.clone(), kept, samplerHandle, maxTokens);
                return active;
            }
        } finally {
            work.unlock();
        }
    }

    /** Frees the model and its context; cancels and waits for a running generation first. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (model == 0) {
                return;
            }
            if (active != null) {
                LlamaJni.cancel(context);
            }
        }
        work.lock();
        lifetime.writeLock().lock();
        try {
            synchronized (this) {
                if (model == 0) {
                    return;
                }
                if (active != null) {
                    active.release();
                    active = null;
                }
                LlamaJni.freeContext(context);
                LlamaJni.freeModel(model);
                context = 0;
                model = 0;
            }
        } finally {
            lifetime.writeLock().unlock();
            work.unlock();
        }
    }

    /** Whether {@link #close()} has run. */
    public synchronized boolean isClosed() {
        return model == 0;
    }

    ReentrantLock work() {
        return work;
    }

    synchronized long contextHandle() {
        requireOpen();
        return context;
    }

    synchronized long modelHandle() {
        requireOpen();
        return model;
    }

    /** Makes the running and every later decode of the context return at once, until the model closes. */
    synchronized void abortDecoding() {
        if (model != 0) {
            LlamaJni.cancel(context);
        }
    }

    /** Lets decodes run again after {@link #abortDecoding()}. */
    synchronized void resumeDecoding() {
        if (model != 0) {
            LlamaJni.resume(context);
        }
    }

    /** Stops {@code generation}'s decoding at once if it is the one running. */
    synchronized void cancel(Generation generation) {
        if (model != 0 && active == generation) {
            LlamaJni.cancel(context);
        }
    }

    /** Called by a generation that closes: frees it and lets the next one start. */
    synchronized void finished(Generation generation) {
        if (active == generation) {
            generation.release();
            active = null;
        }
    }

    /** What the context holds for the next generation; use holding the work lock. */
    HeldTokens held() {
        return held;
    }

    /** The adapters loaded into this model; use holding the work lock. */
    LoadedAdapters adapters() {
        return adapters;
    }

    void checkTokens(int[] tokens) {
        Objects.requireNonNull(tokens, "tokens");
        for (int token : tokens) {
            if (token < 0 || token >= vocabSize) {
                throw new IllegalArgumentException("token " + token + " is outside the vocabulary 0.." + (vocabSize - 1));
            }
        }
    }

    private void requireOpen() {
        if (model == 0) {
            throw new IllegalStateException("the model is closed");
        }
    }

    // vocabulary and template calls only read the model, so they need not wait for a decode
    private <T> T underLock(java.util.function.Supplier<T> call) {
        lifetime.readLock().lock();
        try {
            synchronized (this) {
                requireOpen();
            }
            return call.get();
        } finally {
            lifetime.readLock().unlock();
        }
    }

    private <T> T underWorkLock(java.util.function.Supplier<T> call) {
        work.lock();
        try {
            synchronized (this) {
                requireOpen();
            }
            return call.get();
        } finally {
            work.unlock();
        }
    }
}
