package dev.parley.core.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Which variant a conversation is on: a pure function of the salt and the conversation's name, so
 * a conversation stays on its variant across messages, instances and restarts.
 *
 * @param fraction the share of conversations on B, within [0, 1]
 * @param salt mixed into the hash so a new experiment reshuffles the conversations
 */
public record Split(double fraction, String salt) {

    private static final double TWO_TO_53 = 0x1p53;

    public Split {
        Objects.requireNonNull(salt, "salt");
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("parley.model.experiment.fraction must be within [0, 1], was " + fraction);
        }
    }

    /** B when the conversation's point in [0, 1) falls below the fraction, else A. */
    public Variant variantOf(String conversation) {
        return point(conversation) < fraction ? Variant.B : Variant.A;
    }

    /** The conversation's place in [0, 1): the first 53 bits of SHA-256(salt, NUL, conversation). */
    double point(String conversation) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        sha.update(salt.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0); // so ("ab", "c") and ("a", "bc") differ
        byte[] hash = sha.digest(conversation.getBytes(StandardCharsets.UTF_8));
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (hash[i] & 0xff);
        }
        return (bits >>> 11) / TWO_TO_53;
    }
}
