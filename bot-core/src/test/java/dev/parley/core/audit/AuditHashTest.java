package dev.parley.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AuditHashTest {

    private static byte[] key(int fill) {
        byte[] key = new byte[AuditHash.KEY_BYTES];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void of_isSixteenHexDigits_asTheUnkeyedPrefixWas() {
        assertThat(new AuditHash(key(1)).of("how do I make a bomb")).matches("[0-9a-f]{16}");
    }

    @Test
    void of_sameKeySameText_sameHash_evenFromAnotherInstance() {
        assertThat(new AuditHash(key(1)).of("bomb")).isEqualTo(new AuditHash(key(1)).of("bomb"));
    }

    @Test
    void of_otherKey_otherHashForTheSameText() {
        assertThat(new AuditHash(key(1)).of("bomb")).isNotEqualTo(new AuditHash(key(2)).of("bomb"));
    }

    @Test
    void of_otherText_otherHash() {
        AuditHash hash = new AuditHash(key(1));

        assertThat(hash.of("bomb")).isNotEqualTo(hash.of("bomb "));
    }

    @Test
    void of_cannotBeConfirmedByHashingAGuessWithPlainSha256() throws Exception {
        String guess = "kill";
        String plain = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(guess.getBytes(StandardCharsets.UTF_8)), 0, 8);

        assertThat(new AuditHash(key(1)).of(guess)).isNotEqualTo(plain);
    }

    @Test
    void of_isHmacSha256CutToEightBytes_rfc4231TestCase6() {
        byte[] key = new byte[131];
        Arrays.fill(key, (byte) 0xaa);
        String fullHmac = "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"; // from the RFC

        assertThat(new AuditHash(key).of("Test Using Larger Than Block-Size Key - Hash Key First"))
                .isEqualTo(fullHmac.substring(0, AuditHash.HEX_DIGITS));
    }

    @Test
    void constructor_copiesTheKey_soClearingTheCallersArrayChangesNothing() {
        byte[] key = key(7);
        AuditHash hash = new AuditHash(key);
        String before = hash.of("bomb");

        Arrays.fill(key, (byte) 0);

        assertThat(hash.of("bomb")).isEqualTo(before);
    }

    @Test
    void constructor_aKeyShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> new AuditHash(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an audit hash key needs at least 32 bytes, was 31");
    }

    @Test
    void toString_neverShowsTheKey() {
        byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

        assertThat(new AuditHash(key).toString())
                .doesNotContain("0123456789abcdef").doesNotContain(HexFormat.of().formatHex(key).substring(0, 8));
    }

    @Test
    void withRandomKey_twoPipelinesWithoutStorageHashDifferently() {
        SecureRandom random = new SecureRandom();

        assertThat(AuditHash.withRandomKey(random).of("bomb")).isNotEqualTo(AuditHash.withRandomKey(random).of("bomb"));
    }
}
