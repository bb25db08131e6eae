package dev.parley.app.storage;

import dev.parley.core.persona.PersonaChoices;
import dev.parley.core.settings.ScopeKey;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Persona choices per channel in the database, so they survive restarts. */
public final class JdbcPersonaChoices implements PersonaChoices {

    private final ScopeRows scopes;
    private final TransactionTemplate transactions;

    public JdbcPersonaChoices(JdbcClient jdbc, TransactionTemplate transactions) {
        this.scopes = new ScopeRows(jdbc);
        this.transactions = transactions;
    }

    @Override
    public Optional<String> chosenFor(ScopeKey scope, String channelId) {
        return scopes.bound("""
                        SELECT persona FROM channel_persona
                        WHERE platform = :platform AND scope_id = :scope AND channel_id = :channel""", scope)
                .param("channel", channelId)
                .query(String.class)
                .optional();
    }

    @Override
    public void choose(ScopeKey scope, String channelId, String persona) {
        // delete and insert: portable across H2 and PostgreSQL, unlike MERGE / ON CONFLICT
        transactions.executeWithoutResult(status -> {
            scopes.bound("DELETE FROM channel_persona WHERE platform = :platform AND scope_id = :scope AND channel_id = :channel", scope)
                    .param("channel", channelId)
                    .update();
            scopes.bound("INSERT INTO channel_persona (platform, scope_id, channel_id, persona) VALUES (:platform, :scope, :channel, :persona)", scope)
                    .param("channel", channelId)
                    .param("persona", persona)
                    .update();
        });
    }

    @Override
    public int release(ScopeKey scope, String persona) {
        return scopes.bound("DELETE FROM channel_persona WHERE platform = :platform AND scope_id = :scope AND persona = :persona", scope)
                .param("persona", persona)
                .update();
    }
}
