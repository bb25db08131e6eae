package dev.parley.bench.moderation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which part of ToLD-Br a tweet belongs to: 20% held out for measuring (the classifier never
 * sees them), 10% for choosing the training epochs and the decision threshold, 70% for training.
 *
 * <p>The part is decided by a hash of the normalised text without mentions, "rt" and links, so
 * retweets and copies of one text land in the same part and cannot leak from training into the
 * measurement. Public so that the corpus readers ({@code corpus.DevSets}) use the very same split.
 */
public enum ToldBrSplit {
    TRAIN, VALIDATION, HELD_OUT;

    /** The part of the tweet whose text, normalised by {@code TextNormaliser}, is {@code normalised}. */
    public static ToldBrSplit of(String normalised) {
        StringBuilder key = new StringBuilder();
        for (String word : normalised.trim().split(" +")) {
            if (word.equals("https") || word.equals("http")) {
                break;
            }
            if (!word.equals("auser") && !word.equals("rt") && !word.isEmpty()) {
                key.append(word).append(' ');
            }
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        int bucket = Math.floorMod(((digest[0] & 0xff) << 8) | (digest[1] & 0xff), 10);
        return bucket < 2 ? HELD_OUT : bucket == 2 ? VALIDATION : TRAIN;
    }
}
