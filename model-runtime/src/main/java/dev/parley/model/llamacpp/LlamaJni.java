package dev.parley.model.llamacpp;

/**
 * The native methods of {@code libparleyllama} ({@code src/main/native/parley_llama_jni.cpp}),
 * and nothing else. Callers check every argument and handle first: the native side trusts them.
 * Texts cross as UTF-8 bytes; failures throw {@link LlamaCppException}.
 */
final class LlamaJni {

    /** What {@link #decodeBatch} returns when the batch was decoded. */
    static final int DECODED = 0;
    /** What {@link #decodeBatch} returns when the context has no room left for the batch. */
    static final int NO_ROOM = 1;
    /** What {@link #decodeBatch} returns when {@link #cancel} stopped it. */
    static final int CANCELLED = 2;

    private LlamaJni() {}

    static native long loadModel(byte[] path, int gpuLayers);

    static native void freeModel(long model);

    /** A context of {@code sequences} sequences, each with a KV stream of {@code contextSize} tokens. */
    static native long newContext(long model, int contextSize, int batchSize, int threads, boolean flashAttention,
            int sequences);

    static native void freeContext(long context);

    static native int vocabSize(long model);

    static native int trainedContextSize(long model);

    /** Tokens one sequence of the context holds. */
    static native int contextSize(long context);

    static native int[] tokenize(long model, byte[] text, boolean addSpecial, boolean parseSpecial);

    static native byte[] detokenize(long model, int[] tokens, boolean renderSpecial);

    static native boolean isEndOfGeneration(long model, int token);

    /** The model's {@code tokenizer.chat_template}, or null when it has none. */
    static native byte[] chatTemplate(long model);

    /** The rendered prompt, or null when llama.cpp knows no built-in format for {@code template}. */
    static native byte[] applyChatTemplate(byte[] template, byte[][] roles, byte[][] contents, boolean addAssistant);

    /** Forgets every decoded token and clears the cancel flag. */
    static native void clearMemory(long context);

    /**
     * Forgets every decoded token from position {@code count} on, keeps the first {@code count},
     * and clears the cancel flag; false if the memory cannot (then {@link #clearMemory}).
     */
    static native boolean keepPrefix(long context, int count);

    /** Makes the running and every later decode return {@link #CANCELLED}, until {@link #clearMemory}. */
    static native void cancel(long context);

    /** Clears the flag {@link #cancel} set, so that later decodes run again. */
    static native void resume(long context);

    /**
     * Decodes {@code count} entries in one {@code llama_decode}: entry {@code i} puts token
     * {@code tokens[i]} at {@code positions[i]} of sequence {@code sequences[i]}, with logits kept
     * when {@code logits[i]}. Returns llama_decode's code ({@link #DECODED}, {@link #NO_ROOM},
     * {@link #CANCELLED}, negative for an error).
     */
    static native int decodeBatch(long context, int[] tokens, int[] positions, int[] sequences, boolean[] logits, int count);

    /**
     * {@link #decodeBatch}, then, when it decoded, each entry {@code i} whose {@code samplers[i]}
     * is not 0 (and that kept logits) sampled with that chain into {@code sampled[i]}: the token,
     * or {@code ~token} when it ends a generation. One native call a generated token.
     */
    static native int decodeAndSample(long context, int[] tokens, int[] positions, int[] sequences, boolean[] logits, int count,
            long[] samplers, int[] sampled);

    /** Samples from the logits of entry {@code index} of the last batch and records the token in the chain. */
    static native int sampleAt(long context, long sampler, int index);

    /** Forgets the tokens of {@code sequence} from position {@code from} on; false if the memory cannot. */
    static native boolean forgetSequence(long context, int sequence, int from);

    /** Makes {@code target} hold what {@code source} holds (whole sequences; takes effect at the next decode). */
    static native void copySequence(long context, int source, int target);

    /** Bytes {@link #saveSequence} needs for what {@code sequence} holds (its cells, not its whole KV stream). */
    static native long sequenceStateSize(long context, int sequence);

    /** What {@code sequence} holds, as llama.cpp serialises it into at most {@code size} bytes. */
    static native byte[] saveSequence(long context, int sequence, long size);

    /**
     * Makes {@code sequence} hold what {@code state} ({@link #saveSequence}, this context) held,
     * replacing what it held; on failure it holds nothing.
     */
    static native void restoreSequence(long context, int sequence, byte[] state);

    static native long newSampler(float temperature, float topP, int seed);

    static native void freeSampler(long sampler);

    /** A LoRA adapter of {@code model}; freed with the model. */
    static native long loadLoraAdapter(long model, byte[] path);

    /** Applies exactly these adapters at these scales to later decodes (none: the base model). */
    static native void setLoraAdapters(long context, long[] adapters, float[] scales);
}
