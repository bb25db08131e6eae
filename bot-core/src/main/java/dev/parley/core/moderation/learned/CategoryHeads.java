package dev.parley.core.moderation.learned;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Calibrated logistic heads over a sentence encoder's vectors and a text's hashed n-grams: for each
 * label (a moderation category's API name), the probability that a text belongs to it.
 *
 * <p>Each head reads three things at once, weighed against each other by training rather than by
 * hand: the text's vector (what it means, as the encoder reads it), the text's {@link HashedNgrams}
 * (the words and spellings themselves, in any language the encoder does not know), and a few extra
 * features the caller computes (the lexical tier's scores). A head's raw log-odds then pass through
 * its own Platt scaling, fitted on predictions for data sets the head was not trained on, so that
 * 0.5 means about a coin flip on unseen data and an admin's threshold means what it says; text that
 * reads as Portuguese may have a scaling of its own, fitted on the Portuguese predictions alone.
 *
 * <p>Dense weights are stored as 32-bit floats, n-gram weights as 16-bit floats, in a gzip stream;
 * reading a file back gives exactly the heads that were written. Immutable and thread-safe.
 */
public final class CategoryHeads {

    private static final int MAGIC_V2 = 0x504c4832; // "PLH2": no n-gram floor (read as a floor of 1)
    private static final int MAGIC_V3 = 0x504c4833; // "PLH3": the n-gram floor follows the n-gram settings
    private static final int MAGIC = 0x504c4834; // "PLH4": a Portuguese Platt pair follows each head's

    /**
     * One head.
     *
     * @param label the category's API name, e.g. {@code "self-harm/intent"}
     * @param weights one per vector dimension, then one per extra feature; kept, not copied
     * @param ngramWeights one per n-gram bucket; kept, not copied
     * @param bias the intercept
     * @param scale Platt scaling: the calibrated log-odds are {@code scale * raw + shift}
     * @param shift Platt scaling's intercept
     * @param portugueseScale Platt scaling of a text that reads as Portuguese ({@link
     *     LanguageCues#readsAsPortuguese}): the heads read the languages on different scales, and one
     *     pair fitted mostly on English leaves 0.5 far from a coin flip in Portuguese
     * @param portugueseShift its intercept
     */
    public record Head(String label, float[] weights, float[] ngramWeights, float bias, float scale, float shift,
            float portugueseScale, float portugueseShift) {

        public Head {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(weights, "weights");
            Objects.requireNonNull(ngramWeights, "ngramWeights");
        }

        /** A head with one Platt pair for every language. */
        public Head(String label, float[] weights, float[] ngramWeights, float bias, float scale, float shift) {
            this(label, weights, ngramWeights, bias, scale, shift, scale, shift);
        }

        /** Whether texts that read as Portuguese are calibrated on a scale of their own. */
        public boolean calibratesPortugueseApart() {
            return portugueseScale != scale || portugueseShift != shift;
        }

        /**
         * The uncalibrated log-odds for a text's {@code vector}, {@code extras} and the first
         * {@code count} of {@code buckets}, its distinct n-gram features ({@link #distinct}). The
         * n-gram weights' sum is divided by the square root of {@code max(count, ngramFloor)}.
         */
        public double rawLogit(float[] vector, double[] extras, int[] buckets, int count, int ngramFloor) {
            double sum = bias;
            for (int i = 0; i < vector.length; i++) {
                sum += weights[i] * vector[i];
            }
            for (int i = 0; i < extras.length; i++) {
                sum += weights[vector.length + i] * extras[i];
            }
            if (count > 0) {
                double ngrams = 0;
                for (int i = 0; i < count; i++) {
                    ngrams += ngramWeights[buckets[i]];
                }
                sum += ngrams / Math.sqrt(Math.max(count, ngramFloor)); // long and short texts on one scale
            }
            return sum;
        }

        /** The calibrated probability for the given raw log-odds of a text not read as Portuguese. */
        public double calibrated(double rawLogit) {
            return calibrated(rawLogit, false);
        }

        /** The calibrated probability for the given raw log-odds of a text that reads as Portuguese or not. */
        public double calibrated(double rawLogit, boolean portuguese) {
            return portuguese ? 1 / (1 + Math.exp(-(portugueseScale * rawLogit + portugueseShift)))
                    : 1 / (1 + Math.exp(-(scale * rawLogit + shift)));
        }
    }

    /**
     * Sorts the first {@code count} of {@code buckets} and keeps each bucket once, returning how many
     * remain: heads read whether a feature is present, not how often, so one long text that repeats
     * a common word cannot weigh it up on its own.
     */
    public static int distinct(int[] buckets, int count) {
        java.util.Arrays.sort(buckets, 0, count);
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (kept == 0 || buckets[kept - 1] != buckets[i]) {
                buckets[kept++] = buckets[i];
            }
        }
        return kept;
    }

    private final String encoder;
    private final int dimension;
    private final int extras;
    private final HashedNgrams ngrams;
    private final List<Head> heads;
    private final int ngramFloor;

    /**
     * @param encoder the {@link TextEncoder#name()} the heads were trained on
     * @param dimension the encoder's vector length
     * @param extras how many extra features each head reads after the vector
     * @param ngrams how texts are turned into n-gram buckets
     */
    public CategoryHeads(String encoder, int dimension, int extras, HashedNgrams ngrams, List<Head> heads) {
        this(encoder, dimension, extras, ngrams, 1, heads);
    }

    /**
     * @param encoder the {@link TextEncoder#name()} the heads were trained on
     * @param dimension the encoder's vector length
     * @param extras how many extra features each head reads after the vector
     * @param ngrams how texts are turned into n-gram buckets
     * @param ngramFloor the fewest n-grams a text's n-gram sum is scaled as if it had: without a
     *     floor, the few n-grams of a three-word message weigh as much as a whole post's, and
     *     common words learned from long posts ("me", "everything") decide short messages alone
     */
    public CategoryHeads(String encoder, int dimension, int extras, HashedNgrams ngrams, int ngramFloor,
            List<Head> heads) {
        if (ngramFloor < 1 || ngramFloor > 1 << 16) {
            throw new IllegalArgumentException("n-gram floor must be in [1, 65536], was " + ngramFloor);
        }
        this.ngramFloor = ngramFloor;
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.ngrams = Objects.requireNonNull(ngrams, "ngrams");
        if (dimension < 1 || extras < 0) {
            throw new IllegalArgumentException("dimension " + dimension + " and extras " + extras + " are impossible");
        }
        for (Head head : heads) {
            if (head.weights().length != dimension + extras || head.ngramWeights().length != ngrams.buckets()) {
                throw new IllegalArgumentException("head " + head.label() + " has " + head.weights().length + " and "
                        + head.ngramWeights().length + " weights, expected " + (dimension + extras) + " and "
                        + ngrams.buckets());
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

    /** The fewest n-grams a text's n-gram sum is scaled as if it had; pass it to {@link Head#rawLogit}. */
    public int ngramFloor() {
        return ngramFloor;
    }

    /** How these heads turn a normalised text into n-gram buckets. */
    public HashedNgrams ngrams() {
        return ngrams;
    }

    /** The heads, in the order they were trained. */
    public List<Head> heads() {
        return heads;
    }

    /**
     * Checks that {@code candidate} is the encoder these heads were trained on.
     *
     * @throws IllegalArgumentException naming both encoders if not
     */
    public void requireEncoder(TextEncoder candidate) {
        if (!candidate.name().equals(encoder) || candidate.dimension() != dimension) {
            throw new IllegalArgumentException("the moderation heads were trained on encoder " + encoder + " ("
                    + dimension + " dimensions), not on " + candidate.name() + " (" + candidate.dimension() + ")");
        }
    }

    /**
     * Writes these heads in the format {@link #read} takes: the older format where no head calibrates
     * Portuguese apart, so heads trained without it keep their bytes.
     */
    public void write(OutputStream out) throws IOException {
        boolean portugueseApart = heads.stream().anyMatch(Head::calibratesPortugueseApart);
        GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
        DataOutputStream data = new DataOutputStream(gzip);
        data.writeInt(portugueseApart ? MAGIC : MAGIC_V3);
        data.writeUTF(encoder);
        data.writeInt(dimension);
        data.writeInt(extras);
        data.writeInt(ngrams.bits());
        data.writeInt(ngrams.minChars());
        data.writeInt(ngrams.maxChars());
        data.writeInt(ngramFloor);
        data.writeInt(heads.size());
        for (Head head : heads) {
            data.writeUTF(head.label());
            for (float weight : head.weights()) {
                data.writeFloat(weight);
            }
            for (float weight : head.ngramWeights()) {
                data.writeShort(Float.floatToFloat16(weight));
            }
            data.writeFloat(head.bias());
            data.writeFloat(head.scale());
            data.writeFloat(head.shift());
            if (portugueseApart) {
                data.writeFloat(head.portugueseScale());
                data.writeFloat(head.portugueseShift());
            }
        }
        data.flush();
        gzip.finish();
    }

    /**
     * Reads heads {@link #write} wrote.
     *
     * @throws IOException if the stream holds no such heads, or ends early
     */
    public static CategoryHeads read(InputStream in) throws IOException {
        try {
            DataInputStream data = new DataInputStream(new GZIPInputStream(in, 1 << 16));
            int magic = data.readInt();
            if (magic != MAGIC && magic != MAGIC_V3 && magic != MAGIC_V2) {
                throw new IOException("not Parley moderation heads (bad magic number)");
            }
            String encoder = data.readUTF();
            int dimension = data.readInt();
            int extras = data.readInt();
            HashedNgrams ngrams;
            try {
                ngrams = new HashedNgrams(data.readInt(), data.readInt(), data.readInt());
            } catch (IllegalArgumentException e) {
                throw new IOException("corrupt moderation heads header: " + e.getMessage(), e);
            }
            int ngramFloor = magic == MAGIC_V2 ? 1 : data.readInt();
            int count = data.readInt();
            if (ngramFloor < 1 || ngramFloor > 1 << 16) {
                throw new IOException("corrupt moderation heads header: n-gram floor " + ngramFloor);
            }
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
                float[] ngramWeights = new float[ngrams.buckets()];
                for (int i = 0; i < ngramWeights.length; i++) {
                    ngramWeights[i] = Float.float16ToFloat(data.readShort());
                }
                float bias = data.readFloat();
                float scale = data.readFloat();
                float shift = data.readFloat();
                heads[h] = magic == MAGIC
                        ? new Head(label, weights, ngramWeights, bias, scale, shift, data.readFloat(), data.readFloat())
                        : new Head(label, weights, ngramWeights, bias, scale, shift);
            }
            return new CategoryHeads(encoder, dimension, extras, ngrams, ngramFloor, List.of(heads));
        } catch (EOFException e) {
            throw new IOException("truncated moderation heads", e);
        } catch (java.util.zip.ZipException e) {
            throw new IOException("not Parley moderation heads (bad magic number): " + e.getMessage(), e);
        }
    }
}
