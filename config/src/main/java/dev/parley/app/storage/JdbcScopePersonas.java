package dev.parley.app.storage;

import dev.parley.core.model.GenerationSettings;
import dev.parley.core.persona.Persona;
import dev.parley.core.persona.ScopePersonas;
import dev.parley.core.settings.ScopeKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scopes' own personas in the database, so they survive restarts and every process sharing the
 * database sees the same ones. Read on every lookup, not cached: an edit applies to the next
 * message wherever it is answered.
 */
public final class JdbcScopePersonas implements ScopePersonas {

    private record Row(String name, String systemPrompt, GenerationSettings generation) {}

    private final ScopeRows scopes;
    private final TransactionTemplate transactions;

    public JdbcScopePersonas(JdbcClient jdbc, TransactionTemplate transactions) {
        this.scopes = new ScopeRows(jdbc);
        this.transactions = transactions;
    }

    @Override
    public List<Persona> all(ScopeKey scope) {
        List<Row> rows = scopes.bound("""
                        SELECT name, system_prompt, max_new_tokens, temperature, seed FROM scope_persona
                        WHERE platform = :platform AND scope_id = :scope ORDER BY name""", scope)
                .query((rs, n) -> row(rs))
                .list();
        Map<String, Map<String, Float>> scales = new HashMap<>();
        scopes.bound("SELECT persona, adapter, scale FROM scope_persona_adapter WHERE platform = :platform AND scope_id = :scope", scope)
                .query(rs -> {
                    scales.computeIfAbsent(rs.getString("persona"), p -> new HashMap<>())
                            .put(rs.getString("adapter"), rs.getFloat("scale"));
                });
        return rows.stream().map(row -> persona(row, scales.getOrDefault(row.name(), Map.of()))).toList();
    }

    @Override
    public Optional<Persona> find(ScopeKey scope, String name) {
        return scopes.bound("""
                        SELECT name, system_prompt, max_new_tokens, temperature, seed FROM scope_persona
                        WHERE platform = :platform AND scope_id = :scope AND name = :name""", scope)
                .param("name", name)
                .query((rs, n) -> row(rs))
                .optional()
                .map(row -> persona(row, scales(scope, row.name())));
    }

    @Override
    public void save(ScopeKey scope, Persona persona) {
        // delete and insert: portable across H2 and PostgreSQL, unlike MERGE / ON CONFLICT; the
        // adapter rows go with the persona row (ON DELETE CASCADE)
        transactions.executeWithoutResult(status -> {
            delete(scope, persona.name());
            scopes.bound("""
                            INSERT INTO scope_persona (platform, scope_id, name, system_prompt, max_new_tokens, temperature, seed)
                            VALUES (:platform, :scope, :name, :prompt, :tokens, :temperature, :seed)""", scope)
                    .param("name", persona.name())
                    .param("prompt", persona.systemPrompt())
                    .param("tokens", persona.generation().maxNewTokens())
                    .param("temperature", persona.generation().temperature())
                    .param("seed", persona.generation().seed())
                    .update();
            persona.adapterScales().forEach((adapter, scale) -> scopes.bound("""
                            INSERT INTO scope_persona_adapter (platform, scope_id, persona, adapter, scale)
                            VALUES (:platform, :scope, :persona, :adapter, :scale)""", scope)
                    .param("persona", persona.name())
                    .param("adapter", adapter)
                    .param("scale", scale)
                    .update());
        });
    }

    @Override
    public boolean delete(ScopeKey scope, String name) {
        return scopes.bound("DELETE FROM scope_persona WHERE platform = :platform AND scope_id = :scope AND name = :name", scope)
                .param("name", name)
                .update() > 0;
    }

    private Map<String, Float> scales(ScopeKey scope, String persona) {
        Map<String, Float> scales = new HashMap<>();
        scopes.bound("""
                        SELECT adapter, scale FROM scope_persona_adapter
                        WHERE platform = :platform AND scope_id = :scope AND persona = :persona""", scope)
                .param("persona", persona)
                .query(rs -> {
                    scales.put(rs.getString("adapter"), rs.getFloat("scale"));
                });
        return scales;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("name"), rs.getString("system_prompt"), new GenerationSettings(
                rs.getInt("max_new_tokens"), rs.getFloat("temperature"), rs.getLong("seed")));
    }

    private static Persona persona(Row row, Map<String, Float> scales) {
        return new Persona(row.name(), row.systemPrompt(), row.generation(), scales);
    }
}
