package dev.parley.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash by which audit entries and block reports name a blocked text: the first
 * {@value #HEX_DIGITS} hex digits of its HMAC-SHA256 under this installation's secret key. Within
 * one installation the same text always has the same hash, so repeats can be found; without the
 * key, a short blocked text cannot be confirmed by hashing guesses, as it could with a plain
 * SHA-256. Neither {@link #toString()} nor any message shows the key.
 */
public final class AuditHash {

    /** The length of a key made by {@link #withRandomKey}, and the shortest key accepted. */
    public static final int KEY_BYTES = 32;
    /** How much of the HMAC is shown: as much as the unkeyed SHA-256 prefix before it, so the audit format stays. */
    public static final int HEX_DIGITS = 16;

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /**
     * A hash under {@code key}, of at least {@value #KEY_BYTES} bytes. The bytes are copied: the
     * caller may clear its array.
     */
    public AuditHash(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < KEY_BYTES) {
            throw new IllegalArgumentException("an audit hash key needs at least " + KEY_BYTES + " bytes, was "
                    + key.length);
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
        mac(); // fail now, not at the first block, if the JDK lacks HMAC-SHA256
    }

    /**
     * A hash under a fresh key of {@value #KEY_BYTES} bytes from {@code random}: for set-ups
     * without storage, whose hashes match only until the process ends.
     */
    public static AuditHash withRandomKey(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return new AuditHash(key);
    }

    /** The hash of {@code text} (its UTF-8 bytes): {@value #HEX_DIGITS} lower-case hex digits. */
    public String of(String text) {
        byte[] digest = mac().doFinal(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, HEX_DIGITS / 2);
    }

    // a Mac is not thread-safe and blocks are rare: one per hash
    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }

    @Override
    public String toString() {
        return "AuditHash[HMAC-SHA256, key hidden]";
    }
}
