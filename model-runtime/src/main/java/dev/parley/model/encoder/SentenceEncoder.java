package dev.parley.model.encoder;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.parley.core.moderation.learned.CategoryHeads;
import dev.parley.core.moderation.learned.TextEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sentence encoder ({@link EncoderModel}, e.g. all-MiniLM-L6-v2, 8-bit quantised) run by ONNX
 * Runtime in this process. The model and its tokenizer come from its
 * langchain4j jar on Maven Central; vectors are pooled as the model was trained and normalised to
 * length 1.
 *
 * <p>Its {@link #name()} carries a digest of the model's bytes, so heads trained on one build of the
 * model refuse another. Runs on {@code threads} ONNX threads per call (1 keeps one message on one
 * core, and the bot's other work on the other). Thread-safe; {@link #close()} is idempotent, and use
 * after it an {@link IllegalStateException}.
 */
public final class SentenceEncoder implements TextEncoder, AutoCloseable {

    /** langchain4j keeps its encoder's call package-private; its embedding model is the way in. */
    private static final class Embedder extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        private final int dimension;

        Embedder(OnnxBertBiEncoder encoder, int dimension) {
            super(Runnable::run); // one text per call: no executor of its own
            this.encoder = encoder;
            this.dimension = dimension;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return dimension;
        }
    }

    private final String name;
    private final int dimension;
    private final OrtSession session;
    private final Embedder embedder;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SentenceEncoder(String name, int dimension, OrtSession session, Embedder embedder) {
        this.name = name;
        this.dimension = dimension;
        this.session = session;
        this.embedder = embedder;
    }

    /**
     * Loads {@code model} from the class path.
     *
     * @param model the encoder to run
     * @param threads ONNX Runtime's threads per call, at least 1
     * @throws EncoderUnavailableException naming the cause if the model, its tokenizer or ONNX
     *     Runtime's native library cannot be loaded
     */
    public static SentenceEncoder load(EncoderModel model, int threads) {
        byte[] bytes = resource(model.modelResource());
        if (model.patchResource() != null) {
            try (InputStream patch = SentenceEncoder.class.getResourceAsStream(model.patchResource())) {
                if (patch == null) {
                    throw new EncoderUnavailableException("the sentence encoder's patch " + model.patchResource()
                            + " is not on the class path", null);
                }
                bytes = EncoderPatch.apply(bytes, patch);
            } catch (IOException e) {
                throw new EncoderUnavailableException("cannot build the sentence encoder " + model.id() + ": "
                        + e.getMessage(), e);
            }
        }
        return load(model, bytes, threads);
    }

    /**
     * Runs the ONNX model {@code bytes} with {@code model}'s tokenizer and pooling: how the trainer
     * tries a fine-tuned build of an encoder before it is shipped.
     *
     * @throws EncoderUnavailableException as {@link #load(EncoderModel, int)} does
     */
    public static SentenceEncoder load(EncoderModel model, byte[] bytes, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        try (InputStream tokenizer = SentenceEncoder.class.getResourceAsStream(model.tokenizerResource())) {
            if (tokenizer == null) {
                throw new EncoderUnavailableException("the tokenizer " + model.tokenizerResource()
                        + " is not on the class path", null);
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            OrtSession session = environment.createSession(bytes, options);
            Embedder embedder = new Embedder(new OnnxBertBiEncoder(environment, session, tokenizer, model.pooling()),
                    model.dimension());
            return new SentenceEncoder(model.id() + "@" + digest(bytes), model.dimension(), session, embedder);
        } catch (OrtException | IOException | RuntimeException | LinkageError e) {
            if (e instanceof EncoderUnavailableException unavailable) {
                throw unavailable;
            }
            throw new EncoderUnavailableException("cannot start the sentence encoder: " + e, e);
        }
    }

    /**
     * Loads the encoder {@code heads} were trained on.
     *
     * @throws EncoderUnavailableException as {@link #load} does, or if the heads name an encoder
     *     this build does not know
     */
    public static SentenceEncoder loadFor(CategoryHeads heads, int threads) {
        EncoderModel model;
        try {
            model = EncoderModel.named(heads.encoder());
        } catch (IllegalArgumentException e) {
            throw new EncoderUnavailableException("the moderation heads were trained on " + e.getMessage(), e);
        }
        return load(model, threads);
    }

    private static byte[] resource(String path) {
        try (InputStream in = SentenceEncoder.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new EncoderUnavailableException("the sentence encoder's model " + path + " is not on the class path", null);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new EncoderUnavailableException("cannot read the sentence encoder's model " + path, e);
        }
    }

    /** The first 12 hex digits of the SHA-256 of the model's bytes. */
    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] encode(String text) {
        if (closed.get()) {
            throw new IllegalStateException("the sentence encoder is closed");
        }
        return embedder.embed(text.isBlank() ? "." : text).content().vector();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                session.close();
            } catch (OrtException e) {
                // nothing to do: the session's memory is gone with the process at worst
            }
        }
    }
}
