package dev.parley.app.storage;

import dev.parley.telegram.UpdateOffsets;
import java.util.OptionalInt;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** How far the Telegram adapter handed updates to the core, per bot, in the database. */
public final class JdbcUpdateOffsets implements UpdateOffsets {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcUpdateOffsets(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public OptionalInt next(long botId) {
        return jdbc.sql("SELECT next_update FROM telegram_offset WHERE bot_id = :bot")
                .param("bot", botId)
                .query(Long.class)
                .optional()
                .map(next -> OptionalInt.of(Math.toIntExact(next)))
                .orElse(OptionalInt.empty());
    }

    @Override
    public void handedOver(long botId, int nextUpdateId) {
        // update, else insert: portable across H2 and PostgreSQL, unlike MERGE / ON CONFLICT
        transactions.executeWithoutResult(status -> {
            int updated = jdbc.sql("UPDATE telegram_offset SET next_update = :next WHERE bot_id = :bot")
                    .param("next", nextUpdateId)
                    .param("bot", botId)
                    .update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO telegram_offset (bot_id, next_update) VALUES (:bot, :next)")
                        .param("bot", botId)
                        .param("next", nextUpdateId)
                        .update();
            }
        });
    }
}
