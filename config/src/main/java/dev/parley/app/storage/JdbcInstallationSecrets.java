package dev.parley.app.storage;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The secrets this installation makes for itself, in the database: made of random bytes at the
 * first start and read at every start after, so they outlive restarts and are shared by every
 * process on the database. Never logged; this class has no {@code toString} that could show one.
 */
public final class JdbcInstallationSecrets {

    /** The name of the audit hash's key. */
    static final String AUDIT_HASH = "audit-hash";
    /** The length of a secret this class makes. */
    static final int SECRET_BYTES = 32;

    private final JdbcClient jdbc;
    private final SecureRandom random;

    public JdbcInstallationSecrets(JdbcClient jdbc, SecureRandom random) {
        this.jdbc = jdbc;
        this.random = random;
    }

    /** The key of the audit hash: {@value #SECRET_BYTES} bytes, made now if there are none yet. */
    public byte[] auditHashKey() {
        return secret(AUDIT_HASH);
    }

    private byte[] secret(String name) {
        byte[] fresh = new byte[SECRET_BYTES];
        random.nextBytes(fresh);
        try {
            // insert if absent, then read: of two processes starting together, both read the one row
            // that got in (a race both lose to the other's NOT EXISTS ends at the primary key)
            jdbc.sql("""
                    INSERT INTO installation_secret (name, secret, created)
                    SELECT :name, :secret, CURRENT_TIMESTAMP
                    WHERE NOT EXISTS (SELECT 1 FROM installation_secret WHERE name = :name)""")
                    .param("name", name)
                    .param("secret", Base64.getEncoder().encodeToString(fresh))
                    .update();
        } catch (DuplicateKeyException e) {
            // another process's secret got in first: it is the installation's, read below
        } finally {
            Arrays.fill(fresh, (byte) 0);
        }
        byte[] secret = decoded(stored(name).orElseThrow(() ->
                new IllegalStateException("installation secret " + name + " was neither found nor stored")));
        if (secret.length < SECRET_BYTES) {
            throw new IllegalStateException("installation secret " + name + " in table installation_secret is "
                    + secret.length + " bytes, needs " + SECRET_BYTES + "; delete the row to make a new one");
        }
        return secret;
    }

    private Optional<String> stored(String name) {
        return jdbc.sql("SELECT secret FROM installation_secret WHERE name = :name")
                .param("name", name)
                .query(String.class)
                .optional();
    }

    private static byte[] decoded(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // the message of the decoder could quote the stored text: say only what is wrong
            throw new IllegalStateException("an installation secret in table installation_secret is not base64", null);
        }
    }
}
