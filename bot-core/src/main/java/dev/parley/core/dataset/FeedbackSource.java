package dev.parley.core.dataset;

import dev.parley.core.conversation.Platform;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The port to the stored feedback the export reads; it never writes. */
public interface FeedbackSource {

    /** The exchanges of {@code scope} created from {@code since} (inclusive) to {@code until} (exclusive), by id. */
    List<FeedbackExchange> exchanges(ScopeKey scope, Instant since, Instant until);

    /** The votes on the exchanges {@link #exchanges} returns for the same arguments. */
    List<Vote> votes(ScopeKey scope, Instant since, Instant until);

    /**
     * The ids of the users of {@code platform} who opted out or asked to be forgotten, in any
     * scope: someone who asked anywhere is never exported anywhere.
     */
    Set<String> optedOut(Platform platform);
}
