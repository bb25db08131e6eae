package dev.parley.core.moderation.learned;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A logistic-regression text model over {@link HashedNgrams}: the probability that a normalised
 * text belongs to the positive class.
 *
 * <p>A text's feature vector is its buckets' counts divided by the square root of the number of
 * features, so long and short texts score on one scale. The stored bias already includes the
 * decision threshold chosen at training, so a probability of 0.5 is the point where the model
 * says "positive". Weights are stored as 16-bit floats in a gzip stream: the file is small and
 * reading it back gives exactly the model that was measured.
 */
public final class LinearModel {

    private static final int MAGIC = 0x504c4d31; // "PLM1"

    private final HashedNgrams features;
    private final float[] weights;
    private final float bias;

    /**
     * @param weights one weight per bucket of {@code features}; kept, not copied
     * @param bias the intercept, threshold included
     */
    public LinearModel(HashedNgrams features, float[] weights, float bias) {
        if (weights.length != features.buckets()) {
            throw new IllegalArgumentException("expected " + features.buckets() + " weights, got " + weights.length);
        }
        this.features = features;
        this.weights = weights;
        this.bias = bias;
    }

    /** The feature map this model reads texts with. */
    public HashedNgrams features() {
        return features;
    }

    /** The model's log-odds for {@code normalised}. */
    public double logit(CharSequence normalised) {
        int[] buckets = new int[features.maxFeatures(normalised.length())];
        int count = features.features(normalised, buckets);
        return logit(buckets, count);
    }

    /** The model's log-odds for the first {@code count} of {@code buckets}, a text's features. */
    public double logit(int[] buckets, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += weights[buckets[i]];
        }
        return bias + (count == 0 ? 0 : sum / Math.sqrt(count));
    }

    /** The probability, in [0, 1], that {@code normalised} is positive; 0.5 is the decision point. */
    public double probability(CharSequence normalised) {
        return 1 / (1 + Math.exp(-logit(normalised)));
    }

    /** Writes this model in the format {@link #read} takes, weights rounded to 16-bit floats. */
    public void write(OutputStream out) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
        DataOutputStream data = new DataOutputStream(gzip);
        data.writeInt(MAGIC);
        data.writeInt(features.bits());
        data.writeInt(features.minChars());
        data.writeInt(features.maxChars());
        data.writeFloat(bias);
        for (float weight : weights) {
            data.writeShort(Float.floatToFloat16(weight));
        }
        data.flush();
        gzip.finish();
    }

    /**
     * Reads a model {@link #write} wrote.
     *
     * @throws IOException if the stream is not such a model, or ends early
     */
    public static LinearModel read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new GZIPInputStream(in, 1 << 16));
        if (data.readInt() != MAGIC) {
            throw new IOException("not a Parley linear model (bad magic number)");
        }
        HashedNgrams features;
        try {
            features = new HashedNgrams(data.readInt(), data.readInt(), data.readInt());
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt linear model header: " + e.getMessage(), e);
        }
        float bias = data.readFloat();
        float[] weights = new float[features.buckets()];
        try {
            for (int i = 0; i < weights.length; i++) {
                weights[i] = Float.float16ToFloat(data.readShort());
            }
        } catch (EOFException e) {
            throw new IOException("truncated linear model: " + weights.length + " weights expected", e);
        }
        return new LinearModel(features, weights, bias);
    }
}
