package dev.parley.app.dataset;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A feedback corpus in the V11 tables, written with plain SQL as the capture code would leave it:
 * personal data in English and Portuguese, liked, disliked and regenerated answers, an opted-out
 * author, a prompt today's moderation blocks, and rows outside the scope or the period.
 */
public final class SeededFeedback {

    /** The exported scope, as {@code --scope} names it. */
    public static final String SCOPE = "discord:guild-1";
    public static final String SINCE = "2026-11-01";
    public static final String UNTIL = "2026-12-01";
    /** The rows of the scope in the period. */
    public static final int READ = 10;
    /** Liked answers that pass: 1, 2, 4, 5 and 12. */
    public static final int SFT_EXAMPLES = 5;
    /** With {@code --include-unrated}, also 9 (unrated, not replaced). */
    public static final int SFT_EXAMPLES_WITH_UNRATED = 6;
    /** 4 over 3 (liked regeneration, replaced original), 5 over 6 (liked original, disliked regeneration). */
    public static final int DPO_PAIRS = 2;
    /** The author who opted out, and a text only they wrote. */
    public static final String OPTED_OUT_AUTHOR = "dave-42";
    public static final String OPTED_OUT_TEXT = "Rua das Flores 123";
    /** The personal data of the corpus, none of which may be exported. */
    public static final List<String> PERSONAL_DATA = List.of("ana.lima@exemplo.com.br", "98765-4321",
            "111222333444555666", "bob@example.com", "555) 123-4567", "carla_tg", "https://example.com/help",
            "+351 912 345 678", "joao_pt", OPTED_OUT_TEXT);
    /** What looks like a number in the corpus and must stay. */
    public static final List<String> NOT_PERSONAL = List.of("3.14", "6.28", "10:30", "2026", "R$ 49,90");

    private static final String PERSONA = "You are Parley, a friendly assistant.";

    private SeededFeedback() {}

    /** Writes the corpus into a migrated database. */
    public static void seed(JdbcClient jdbc) {
        exchange(jdbc, 1, "guild-1", "ana-1", PERSONA,
                "Oi! Meu e-mail é ana.lima@exemplo.com.br e meu celular (11) 98765-4321",
                "Anotado, <@111222333444555666>! Vou te escrever.", null, 1);
        exchange(jdbc, 2, "guild-1", "bob-2", PERSONA,
                "Email me at bob@example.com or call +1 (555) 123-4567, and ask @carla_tg",
                "Sure Bob, see https://example.com/help", null, 2);
        exchange(jdbc, 3, "guild-1", "ana-1", "", "What is 2+2?", "5", null, 3);
        exchange(jdbc, 4, "guild-1", "ana-1", "", "What is 2+2?", "4", 3L, 4);
        exchange(jdbc, 5, "guild-1", "bob-2", PERSONA, "Escreva um haicai", "Folhas de outono caem", null, 5);
        exchange(jdbc, 6, "guild-1", "bob-2", PERSONA, "Escreva um haicai", "haicai ruim", 5L, 6);
        exchange(jdbc, 7, "guild-1", OPTED_OUT_AUTHOR, PERSONA, "Moro na " + OPTED_OUT_TEXT, "Que bom!", null, 7);
        exchange(jdbc, 8, "guild-1", "eve-5", PERSONA, "I will kill you tomorrow", "Please don't talk like that.",
                null, 8);
        exchange(jdbc, 9, "guild-1", "eve-5", PERSONA, "Me conta uma história, liga pro +351 912 345 678",
                "Era uma vez, @joao_pt...", null, 9);
        exchange(jdbc, 10, "guild-2", "ana-1", PERSONA, "other server", "not exported", null, 10);
        exchange(jdbc, 11, "guild-1", "ana-1", PERSONA, "in October", "not exported", null, -40);
        exchange(jdbc, 12, "guild-1", "bob-2", PERSONA, "Quanto é 3.14 vezes 2? E a reunião de 2026?",
                "6.28, e a reunião é às 10:30; custa R$ 49,90.", null, 12);
        vote(jdbc, 1, "v-1", 1);
        vote(jdbc, 1, "v-2", 1);
        vote(jdbc, 2, "v-1", 1);
        vote(jdbc, 3, "ana-1", -1);
        vote(jdbc, 4, "ana-1", 1);
        vote(jdbc, 5, "v-1", 1);
        vote(jdbc, 6, "v-1", -1);
        vote(jdbc, 7, "v-1", 1);
        vote(jdbc, 8, "v-2", 1);
        vote(jdbc, 9, OPTED_OUT_AUTHOR, 1); // an opted-out voter's vote does not count
        vote(jdbc, 10, "v-1", 1);
        vote(jdbc, 11, "v-1", 1);
        vote(jdbc, 12, "v-2", 1);
        jdbc.sql("""
                INSERT INTO feedback_optout (platform, scope_id, user_id, since)
                VALUES ('DISCORD', 'guild-1', :user, :since)""")
                .param("user", OPTED_OUT_AUTHOR)
                .param("since", Timestamp.from(Instant.parse("2026-11-20T00:00:00Z")))
                .update();
    }

    /** An exchange created {@code hours} hours after the start of November 2026. */
    private static void exchange(JdbcClient jdbc, long id, String scope, String author, String system, String user,
            String answer, @Nullable Long replaces, int hours) {
        jdbc.sql("""
                INSERT INTO feedback_exchange (id, platform, scope_id, channel_id, conversation, author_id,
                    reply_message, system_prompt, user_text, answer_text, model_name, adapter_name, variant,
                    replaces_id, created_at)
                VALUES (:id, 'DISCORD', :scope, 'channel-1', :conversation, :author, :reply, :system, :user, :answer,
                    'parley-base-q4.gguf', :adapter, '', :replaces, :at)""")
                .param("id", id)
                .param("scope", scope)
                .param("conversation", "channel-1/" + (replaces == null ? id : replaces))
                .param("author", author)
                .param("reply", "reply-" + id)
                .param("system", system)
                .param("user", user)
                .param("answer", answer)
                .param("adapter", id % 2 == 0 ? "tone-v1.gguf" : "")
                .param("replaces", replaces, java.sql.Types.BIGINT)
                .param("at", Timestamp.from(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * hours)))
                .update();
    }

    private static void vote(JdbcClient jdbc, long exchange, String voter, int vote) {
        jdbc.sql("""
                INSERT INTO feedback_vote (exchange_id, voter_id, vote, voted_at)
                VALUES (:exchange, :voter, :vote, :at)""")
                .param("exchange", exchange)
                .param("voter", voter)
                .param("vote", vote)
                .param("at", Timestamp.from(Instant.parse("2026-11-15T00:00:00Z")))
                .update();
    }
}
