package dev.parley.core.dataset;

import dev.parley.core.audit.AuditHash;
import dev.parley.core.settings.ScopeKey;
import java.util.Objects;

/**
 * The names under which a dataset counts its authors: {@code u} and the keyed hash
 * (HMAC-SHA256 under the installation's secret, {@link AuditHash}) of the platform and user id.
 * The same person has the same pseudonym in every export of this installation, so their share of
 * a dataset can be seen, but it cannot be turned back into an id without the key. The input is
 * prefixed so that a pseudonym never equals the audit hash of a text.
 */
public final class AuthorPseudonyms {

    private final AuditHash hash;

    public AuthorPseudonyms(AuditHash hash) {
        this.hash = Objects.requireNonNull(hash, "hash");
    }

    /** The pseudonym of user {@code userId} of {@code scope}'s platform. */
    public String of(ScopeKey scope, String userId) {
        return "u" + hash.of("dataset-author\u0000" + scope.platform().name() + "\u0000" + userId);
    }
}
