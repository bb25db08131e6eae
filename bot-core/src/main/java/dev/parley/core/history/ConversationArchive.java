package dev.parley.core.history;

import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.List;

/**
 * The port to where the scopes that opted in to history are listed and their conversations'
 * exchanges are archived; it must survive restarts in production. It stores what it is given:
 * {@link ConversationHistory} decides what to archive and for how long.
 */
public interface ConversationArchive {

    /** Whether the scope opted in to having its conversations archived. */
    boolean optedIn(ScopeKey scope);

    /** Records that the scope opted in; nothing archived before is touched. */
    void optIn(ScopeKey scope, Instant at);

    /** Records that the scope opted out and deletes every exchange archived for it; returns how many. */
    int optOut(ScopeKey scope);

    /** Archives one exchange of a conversation. */
    void append(ConversationKey conversation, ArchivedExchange exchange);

    /** The latest {@code max} exchanges of a conversation made at or after {@code notBefore}, oldest first. */
    List<ArchivedExchange> latest(ConversationKey conversation, int max, Instant notBefore);

    /** Deletes a conversation's exchanges; returns how many. */
    int delete(ConversationKey conversation);

    /** Deletes every exchange made before {@code cutoff}, in every scope; returns how many. */
    int purgeBefore(Instant cutoff);
}
