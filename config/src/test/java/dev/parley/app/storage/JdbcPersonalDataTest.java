package dev.parley.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.access.AccessEntry;
import dev.parley.core.access.AccessKind;
import dev.parley.core.access.AccessMode;
import dev.parley.core.access.Mute;
import dev.parley.core.access.Strike;
import dev.parley.core.audit.AuditEntry;
import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.history.ArchivedExchange;
import dev.parley.core.privacy.DataSubject;
import dev.parley.core.privacy.ExportSection;
import dev.parley.core.privacy.ForgetReport;
import dev.parley.core.privacy.PersonalData;
import dev.parley.core.privacy.PersonalDataExport;
import dev.parley.core.privacy.PersonalDataHolders;
import dev.parley.core.settings.ScopeKey;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stores' {@code PersonalData} (V13) on H2 and, when {@code PARLEY_TEST_POSTGRES_URL} names one,
 * PostgreSQL: a user's rows of one scope are exported and forgotten, another user's and another
 * scope's are untouched, and what is kept on purpose (an admin's ban, a running mute, the opt-out)
 * is kept and said.
 */
class JdbcPersonalDataTest {

    private static final Location GROUP = new Location(Platform.TELEGRAM, "-100", "-100", null);
    private static final ScopeKey SCOPE = ScopeKey.of(GROUP);
    private static final ScopeKey OTHER = new ScopeKey(Platform.TELEGRAM, "-200");
    private static final DataSubject ANA = new DataSubject(SCOPE, "7");
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
    private static final InstantSource CLOCK = InstantSource.fixed(AT);

    private static PersonalDataHolders holders(JdbcClient jdbc, TransactionTemplate transactions) {
        return new PersonalDataHolders(List.of(new JdbcHistoryData(jdbc), new JdbcUsageData(jdbc),
                new JdbcAccessData(jdbc, CLOCK), new JdbcQuestionData(jdbc),
                new JdbcFeedbackData(jdbc, transactions, CLOCK), new JdbcReviewData(jdbc), new JdbcAuditData(jdbc)), CLOCK);
    }

    private static void store(JdbcClient jdbc, TransactionTemplate transactions, String user, ScopeKey scope) {
        Location where = new Location(scope.platform(), scope.scopeId(), scope.scopeId(), null);
        new JdbcConversationArchive(jdbc, transactions).append(new ConversationKey(where, null),
                new ArchivedExchange(AT, user, "question of " + user, "answer to " + user));
        jdbc.sql("""
                        INSERT INTO quota_usage (platform, scope_id, counter_level, subject_id, usage_day, messages, tokens)
                        VALUES (:p, :s, 'USER', :u, DATE '2026-12-06', 2, 40)""")
                .param("p", scope.platform().name()).param("s", scope.scopeId()).param("u", user).update();
        new JdbcStrikes(jdbc, transactions).add(scope, new Strike(user, AT, "violence"));
        new JdbcAuditLog(jdbc).record(new AuditEntry(AT, scope, user, "moderation.block.input", "violence sha256 ab"));
        jdbc.sql("""
                        INSERT INTO feedback_exchange (platform, scope_id, channel_id, conversation, author_id, reply_message,
                            system_prompt, user_text, answer_text, model_name, adapter_name, variant, created_at)
                        VALUES (:p, :s, :s, 'c', :u, 'r1', 'sys', 'q', 'a', 'm', '', '', :at)""")
                .param("p", scope.platform().name()).param("s", scope.scopeId()).param("u", user)
                .param("at", Timestamp.from(AT)).update();
        jdbc.sql("""
                        INSERT INTO review_item (id, created_at, platform, scope_id, channel_id, author_id, message_id,
                            direction, category, rule_name, scores, text_hash, blocked_text, excerpt)
                        VALUES (:id, :at, :p, :s, :s, :u, 'm1', 'INPUT', 'violence', 'learned', 'violence=0.91', 'ab12',
                            :text, 'blocked words')""")
                .param("id", "r" + user + scope.scopeId().replace("-", "")).param("p", scope.platform().name())
                .param("s", scope.scopeId()).param("u", user).param("text", "blocked words of " + user)
                .param("at", Timestamp.from(AT)).update();
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void exportAndForget_touchOnlyTheUsersRowsOfTheScope_andKeepWhatIsKeptOnPurpose(TestDatabase database)
            throws Exception {
        TestDatabase copy = database.migratedCopy();
        DataSource dataSource = copy.dataSource();
        try {
            var jdbc = JdbcClient.create(dataSource);
            var transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            store(jdbc, transactions, "7", SCOPE);
            store(jdbc, transactions, "8", SCOPE);
            store(jdbc, transactions, "7", OTHER);
            new JdbcAccessLists(jdbc, transactions).put(SCOPE, new AccessEntry(AccessKind.USER, "7", AccessMode.BLOCK,
                    "spam", "admin-1", AT));
            new JdbcMutes(jdbc, transactions).save(new Mute(SCOPE, "7", AT, AT.plus(Duration.ofHours(1)), "calm", "admin-1"));
            long theirs = jdbc.sql("SELECT id FROM feedback_exchange WHERE author_id = '8' AND scope_id = '-100'")
                    .query(Long.class).single();
            jdbc.sql("INSERT INTO feedback_vote (exchange_id, voter_id, vote, voted_at) VALUES (:id, '7', 1, :at)")
                    .param("id", theirs).param("at", Timestamp.from(AT)).update();
            PersonalDataHolders holders = holders(jdbc, transactions);

            PersonalDataExport export = holders.export(ANA);

            assertThat(export.unreadable()).isEmpty();
            Map<String, ExportSection> sections = export.sections().stream()
                    .collect(java.util.stream.Collectors.toMap(ExportSection::name, s -> s));
            assertThat(sections.get("conversation").rows()).singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("user_text", "question of 7")
                            .containsEntry("reply", "answer to 7"));
            assertThat(sections.get("usage").rows()).singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("usage_day", "2026-12-06"));
            assertThat(sections.get("access").rows()).extracting(row -> row.get("kind"))
                    .containsExactlyInAnyOrder("list-entry", "mute", "strike");
            assertThat(sections.get("feedback").rows()).extracting(row -> row.get("kind"))
                    .containsExactlyInAnyOrder("answer", "vote");
            assertThat(sections.get("audit").rows()).hasSize(1);
            assertThat(sections.get("review").rows()).singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("blocked_text", "blocked words of 7"));
            assertThat(export.sections().toString()).doesNotContain("question of 8");

            ForgetReport report = holders.forget(ANA);

            assertThat(report.complete()).isTrue();
            assertThat(report.kept()).anyMatch(k -> k.startsWith("an admin's ban"))
                    .anyMatch(k -> k.startsWith("your mute")).anyMatch(k -> k.startsWith("your opt-out"));
            assertThat(RowsNamingUser.find(dataSource, "TELEGRAM", "-100", "7")).containsOnlyKeys(
                    "access_entry.target_id", "access_mute.user_id", "feedback_optout.user_id");
            assertThat(RowsNamingUser.find(dataSource, "TELEGRAM", "-100", "8")).containsKeys(
                    "history_exchange.user_id", "quota_usage.subject_id", "access_strike.user_id",
                    "audit_log.actor_id", "feedback_exchange.author_id", "review_item.author_id");
            assertThat(RowsNamingUser.find(dataSource, "TELEGRAM", "-200", "7")).containsKeys(
                    "history_exchange.user_id", "quota_usage.subject_id", "access_strike.user_id",
                    "audit_log.actor_id", "feedback_exchange.author_id");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor_id = :a").param("a", PersonalData.ANONYMOUS_ID)
                    .query(Long.class).single()).isEqualTo(1);
            // the forgotten user's review item keeps its hash and verdict, not the text or whose it was
            assertThat(jdbc.sql("SELECT text_hash, blocked_text, excerpt FROM review_item WHERE author_id = :a")
                    .param("a", PersonalData.ANONYMOUS_ID).query((rs, n) -> rs.getString(1) + "|" + rs.getString(2)
                            + "|" + rs.getString(3)).list()).containsExactly("ab12|null|null");

            ForgetReport again = holders.forget(ANA);
            assertThat(again.complete()).isTrue();
            assertThat(again.deleted()).isZero();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM feedback_optout").query(Long.class).single()).isEqualTo(1);
        } finally {
            copy.drop();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void forget_deletesAMuteThatEnded_andSaysHowManyTurnsNameNoAuthor(TestDatabase database) {
        TestDatabase copy = database.migratedCopy();
        DataSource dataSource = copy.dataSource();
        try {
            var jdbc = JdbcClient.create(dataSource);
            var transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            new JdbcMutes(jdbc, transactions).save(new Mute(SCOPE, "7", AT.minusSeconds(7200), AT.minusSeconds(3600),
                    "calm", "admin-1"));
            new JdbcConversationArchive(jdbc, transactions).append(new ConversationKey(GROUP, null),
                    new ArchivedExchange(AT, "from before V13", "reply"));

            ForgetReport report = holders(jdbc, transactions).forget(ANA);

            assertThat(report.deleted()).isEqualTo(1);
            assertThat(report.kept()).anyMatch(k -> k.startsWith("1 older conversation turns here that name no author"));
            assertThat(new JdbcMutes(jdbc, transactions).find(SCOPE, "7")).isEmpty();
        } finally {
            copy.drop();
        }
    }
}
