package dev.parley.app.storage;

import dev.parley.core.persona.PersonaChoices;
import dev.parley.core.settings.ScopeKey;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Persona choices per channel in the database, so they survive restarts. */
public final class JdbcPersonaChoices implements PersonaChoices {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcPersonaChoices(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public Optional<String> chosenFor(ScopeKey scope, String channelId) {
        return jdbc.sql("""
                        SELECT persona FROM channel_persona
                        WHERE platform = :platform AND scope_id = :scope AND channel_id = :channel""")
                .param("platform", scope.platform().name())
                .param("scope", scope.scopeId())
                .param("channel", channelId)
                .query(String.class)
                .optional();
    }

    @Override
    public void choose(ScopeKey scope, String channelId, String persona) {
        // delete and insert: portable across H2 and PostgreSQL, unlike MERGE / ON CONFLICT
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM channel_persona WHERE platform = :platform AND scope_id = :scope AND channel_id = :channel")
                    .param("platform", scope.platform().name())
                    .param("scope", scope.scopeId())
                    .param("channel", channelId)
                    .update();
            jdbc.sql("INSERT INTO channel_persona (platform, scope_id, channel_id, persona) VALUES (:platform, :scope, :channel, :persona)")
                    .param("platform", scope.platform().name())
                    .param("scope", scope.scopeId())
                    .param("channel", channelId)
                    .param("persona", persona)
                    .update();
        });
    }

    @Override
    public int release(ScopeKey scope, String persona) {
        return jdbc.sql("DELETE FROM channel_persona WHERE platform = :platform AND scope_id = :scope AND persona = :persona")
                .param("platform", scope.platform().name())
                .param("scope", scope.scopeId())
                .param("persona", persona)
                .update();
    }
}
