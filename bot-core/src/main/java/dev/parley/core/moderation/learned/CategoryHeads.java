package dev.parley.core.moderation.learned;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * Calibrated logistic heads over a sentence encoder's vectors: for each label (a moderation
 * category's API name), the probability that a text belongs to it.
 *
 * <p>Each head reads the text's vector and a few extra features the caller computes (the lexical
 * tier's scores), so what word lists are sure of and what the encoder reads of meaning are weighed
 * together by training rather than by hand. A head's raw log-odds then pass through its own Platt
 * scaling, fitted on predictions for data sets the head was not trained on, so that 0.5 means about
 * a coin flip on unseen data and an admin's threshold means what it says.
 *
 * <p>Weights are stored as 32-bit floats, so reading a file back gives exactly the heads that were
 * measured. Immutable and thread-safe.
 */
public final class CategoryHeads {

    private static final int MAGIC = 0x504c4831; // "PLH1"

    /**
     * One head.
     *
     * @param label the category's API name, e.g. {@code "self-harm/intent"}
     * @param weights one per vector dimension, then one per extra feature; kept, not copied
     * @param bias the intercept
     * @param scale Platt scaling: the calibrated log-odds are {@code scale * raw + shift}
     * @param shift Platt scaling's intercept
     */
    public record Head(String label, float[] weights, float bias, float scale, float shift) {

        public Head {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(weights, "weights");
        }

        /** The uncalibrated log-odds for a text's {@code vector} and {@code extras}. */
        public double rawLogit(float[] vector, double[] extras) {
            double sum = bias;
            for (int i = 0; i < vector.length; i++) {
                sum += weights[i] * vector[i];
            }
            for (int i = 0; i < extras.length; i++) {
                sum += weights[vector.length + i] * extras[i];
            }
            return sum;
        }

        /** The calibrated probability for the given raw log-odds. */
        public double calibrated(double rawLogit) {
            return 1 / (1 + Math.exp(-(scale * rawLogit + shift)));
        }
    }

    private final String encoder;
    private final int dimension;
    private final int extras;
    private final List<Head> heads;

    /**
     * @param encoder the {@link TextEncoder#name()} the heads were trained on
     * @param dimension the encoder's vector length
     * @param extras how many extra features each head reads after the vector
     */
    public CategoryHeads(String encoder, int dimension, int extras, List<Head> heads) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        if (dimension < 1 || extras < 0) {
            throw new IllegalArgumentException("dimension " + dimension + " and extras " + extras + " are impossible");
        }
        for (Head head : heads) {
            if (head.weights().length != dimension + extras) {
                throw new IllegalArgumentException("head " + head.label() + " has " + head.weights().length
                        + " weights, expected " + (dimension + extras));
            }
        }
        this.dimension = dimension;
        this.extras = extras;
        this.heads = List.copyOf(heads);
    }

    /** The encoder these heads read. */
    public String encoder() {
        return encoder;
    }

    /** The vector length these heads read. */
    public int dimension() {
        return dimension;
    }

    /** How many extra features each head reads after the vector. */
    public int extras() {
        return extras;
    }

    /** The heads, in the order they were trained. */
    public List<Head> heads() {
        return heads;
    }

    /**
     * Checks that {@code encoder} is the one these heads were trained on.
     *
     * @throws IllegalArgumentException naming both encoders if not
     */
    public void requireEncoder(TextEncoder candidate) {
        if (!candidate.name().equals(encoder) || candidate.dimension() != dimension) {
            throw new IllegalArgumentException("the moderation heads were trained on encoder " + encoder + " ("
                    + dimension + " dimensions), not on " + candidate.name() + " (" + candidate.dimension() + ")");
        }
    }

    /** Writes these heads in the format {@link #read} takes. */
    public void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeUTF(encoder);
        data.writeInt(dimension);
        data.writeInt(extras);
        data.writeInt(heads.size());
        for (Head head : heads) {
            data.writeUTF(head.label());
            for (float weight : head.weights()) {
                data.writeFloat(weight);
            }
            data.writeFloat(head.bias());
            data.writeFloat(head.scale());
            data.writeFloat(head.shift());
        }
        data.flush();
    }

    /**
     * Reads heads {@link #write} wrote.
     *
     * @throws IOException if the stream holds no such heads, or ends early
     */
    public static CategoryHeads read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            if (data.readInt() != MAGIC) {
                throw new IOException("not Parley moderation heads (bad magic number)");
            }
            String encoder = data.readUTF();
            int dimension = data.readInt();
            int extras = data.readInt();
            int count = data.readInt();
            if (dimension < 1 || dimension > 1 << 16 || extras < 0 || extras > 64 || count < 0 || count > 64) {
                throw new IOException("corrupt moderation heads header: dimension " + dimension + ", extras "
                        + extras + ", heads " + count);
            }
            Head[] heads = new Head[count];
            for (int h = 0; h < count; h++) {
                String label = data.readUTF();
                float[] weights = new float[dimension + extras];
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = data.readFloat();
                }
                heads[h] = new Head(label, weights, data.readFloat(), data.readFloat(), data.readFloat());
            }
            return new CategoryHeads(encoder, dimension, extras, List.of(heads));
        } catch (EOFException e) {
            throw new IOException("truncated moderation heads", e);
        }
    }
}
