package dev.parley.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.history.ArchivedExchange;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryAction;
import dev.parley.core.moderation.CategorySetting;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ExcerptMode;
import dev.parley.core.moderation.FailureMode;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.persona.Persona;
import dev.parley.core.pipeline.AcceptedQuestion;
import dev.parley.core.ratelimit.LimitOverride;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.settings.ChannelKey;
import dev.parley.core.settings.ChannelSettings;
import dev.parley.core.settings.ReplyMode;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeSettings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settings and audit storage on each database Parley supports, through the same Flyway migrations:
 * H2 always, PostgreSQL when {@code PARLEY_TEST_POSTGRES_URL} names one ({@code .ci/run} starts one).
 */
class JdbcStorageTest {

    private final List<Runnable> drops = new ArrayList<>();

    /** A fresh migrated copy of {@code database}, dropped after the test. */
    private DataSource migrated(TestDatabase database) {
        TestDatabase copy = database.migratedCopy();
        drops.add(copy::drop);
        return copy.dataSource();
    }

    @AfterEach
    void dropCopies() {
        drops.forEach(Runnable::run);
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void settingsSurviveANewStoreOnTheSameDatabase(TestDatabase database) throws Exception {
        DataSource dataSource = migrated(database);
        var scope = new ScopeKey(Platform.DISCORD, "guild-1");
        var other = new ScopeKey(Platform.TELEGRAM, "guild-1");

        store(dataSource).save(scope, ScopeSettings.DEFAULTS.withBlockedTerm("spoiler").withBlockedTerm("pipe dream"));
        store(dataSource).save(other, ScopeSettings.DEFAULTS.withBlockedTerm("other"));

        assertThat(store(dataSource).load(scope).blockedTerms()).containsExactlyInAnyOrder("spoiler", "pipe dream");
        assertThat(store(dataSource).load(other).blockedTerms()).containsExactly("other");
        store(dataSource).save(scope, ScopeSettings.DEFAULTS.withBlockedTerm("spoiler"));
        assertThat(store(dataSource).load(scope).blockedTerms()).isEqualTo(Set.of("spoiler"));
        assertThat(store(dataSource).load(new ScopeKey(Platform.DISCORD, "nobody"))).isEqualTo(ScopeSettings.DEFAULTS);
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void everyKindOfScopeSettingRoundTrips(TestDatabase database) throws Exception {
        DataSource dataSource = migrated(database);
        var scope = new ScopeKey(Platform.TELEGRAM, "-100123");
        var full = new ScopeSettings(Set.of("spoiler"), Set.of("kill it", "bomba de chocolate"),
                Map.of(Category.HATE, new CategorySetting(CategoryAction.BLOCK, 0.35),
                        Category.SEXUAL, new CategorySetting(CategoryAction.OFF, 1.0)),
                Set.of(Direction.OUTPUT), Set.of("moderators"), "Não, obrigado.", null, FailureMode.FAIL_CLOSED);
        var nothingModerated = new ScopeSettings(Set.of(), Set.of(), Map.of(), Set.of(), Set.of(), null, "withheld", null);
        var reported = ScopeSettings.DEFAULTS.withExemptRole("Moderators").withExemptRole("123456")
                .withAuditChannel("987654321").withExcerpt(ExcerptMode.REDACTED);

        store(dataSource).save(scope, full);
        assertThat(store(dataSource).load(scope)).isEqualTo(full);
        store(dataSource).save(scope, nothingModerated);
        assertThat(store(dataSource).load(scope)).isEqualTo(nothingModerated);
        assertThat(store(dataSource).load(scope).directions()).isEmpty();
        store(dataSource).save(scope, reported);
        assertThat(store(dataSource).load(scope)).isEqualTo(reported);
        store(dataSource).save(scope, reported.withAuditChannel(null).withoutExemptRole("123456"));
        assertThat(store(dataSource).load(scope).auditChannel()).isNull();
        assertThat(store(dataSource).load(scope).exemptRoles()).containsExactly("Moderators");
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void aPersonaChoiceIsKeptPerChannelAndReplaced(TestDatabase database) throws Exception {
        DataSource dataSource = migrated(database);
        var scope = new ScopeKey(Platform.DISCORD, "guild-1");
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        var choices = new JdbcPersonaChoices(JdbcClient.create(dataSource), transactions);

        choices.choose(scope, "general", "pirate");
        choices.choose(scope, "general", "helper");
        choices.choose(scope, "memes", "pirate");

        var reopened = new JdbcPersonaChoices(JdbcClient.create(dataSource), transactions);
        assertThat(reopened.chosenFor(scope, "general")).contains("helper");
        assertThat(reopened.chosenFor(scope, "memes")).contains("pirate");
        assertThat(reopened.chosenFor(scope, "quiet")).isEmpty();
        assertThat(reopened.chosenFor(new ScopeKey(Platform.TELEGRAM, "guild-1"), "general")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void aScopesOwnPersonasRoundTripPerScopeAndADeletedOneReleasesItsChannels(TestDatabase database) throws Exception {
        DataSource dataSource = migrated(database);
        var scope = new ScopeKey(Platform.DISCORD, "guild-1");
        var other = new ScopeKey(Platform.TELEGRAM, "guild-1");
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        var personas = new JdbcScopePersonas(JdbcClient.create(dataSource), transactions);
        var choices = new JdbcPersonaChoices(JdbcClient.create(dataSource), transactions);
        var pirate = new Persona("pirate", "Answer like a pirate. 🏴‍☠️ Sí, señor. " + "x".repeat(7_950),
                new GenerationSettings(300, 0.35f, 42), Map.of("pirate-lora", -0.25f, "calm", 1.5f));
        var poet = new Persona("poet", "Rhyme.", new GenerationSettings(1, 0f, Long.MAX_VALUE));

        personas.save(scope, pirate);
        personas.save(scope, poet);
        personas.save(other, new Persona("pirate", "Other scope.", new GenerationSettings(10, 1f, 1)));
        choices.choose(scope, "general", "pirate");
        choices.choose(scope, "memes", "pirate");
        choices.choose(scope, "poems", "poet");

        var reopened = new JdbcScopePersonas(JdbcClient.create(dataSource), transactions);
        assertThat(reopened.find(scope, "pirate")).contains(pirate);
        assertThat(reopened.all(scope)).containsExactly(pirate, poet);
        assertThat(reopened.find(other, "pirate").orElseThrow().systemPrompt()).isEqualTo("Other scope.");
        assertThat(reopened.find(scope, "ghost")).isEmpty();

        var calmer = new Persona("pirate", "Arr.", new GenerationSettings(300, 0.35f, 42), Map.of("calm", 0.5f));
        reopened.save(scope, calmer);
        assertThat(personas.find(scope, "pirate")).contains(calmer);

        assertThat(choices.release(scope, "pirate")).isEqualTo(2);
        assertThat(personas.delete(scope, "pirate")).isTrue();
        assertThat(personas.delete(scope, "pirate")).isFalse();
        assertThat(personas.all(scope)).containsExactly(poet);
        assertThat(choices.chosenFor(scope, "general")).isEmpty();
        assertThat(choices.chosenFor(scope, "poems")).contains("poet");
        assertThat(personas.find(other, "pirate")).isPresent();
        assertThat(JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM scope_persona_adapter WHERE persona = 'pirate'")
                .query(Integer.class).single()).as("the deleted persona's scales went with it").isZero();
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void rateLimitOverridesSurviveAndScopeSettingsLeaveThemAlone(TestDatabase database) throws Exception {
        DataSource dataSource = migrated(database);
        var scope = new ScopeKey(Platform.DISCORD, "guild-1");
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        var override = new LimitOverride(new RateLimit(12, 4), null, new RateLimit(100, 50));

        new JdbcLimitOverrides(JdbcClient.create(dataSource), transactions).save(scope, override);
        store(dataSource).save(scope, ScopeSettings.DEFAULTS.withBlockedTerm("spoiler"));

        assertThat(new JdbcLimitOverrides(JdbcClient.create(dataSource), transactions).forScope(scope)).isEqualTo(override);
        assertThat(store(dataSource).load(scope)).isEqualTo(ScopeSettings.DEFAULTS.withBlockedTerm("spoiler"));
        assertThat(new JdbcLimitOverrides(JdbcClient.create(dataSource), transactions)
                .forScope(new ScopeKey(Platform.DISCORD, "guild-2"))).isEqualTo(LimitOverride.NONE);
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void auditLogKeepsEntriesPerScopeNewestFirst(TestDatabase database) throws Exception {
        DataSource dataSource = migrated(database);
        var scope = new ScopeKey(Platform.DISCORD, "guild-1");
        var other = new ScopeKey(Platform.DISCORD, "guild-2");
        Instant t0 = Instant.parse("2026-11-26T10:15:30Z");
        var log = new JdbcAuditLog(JdbcClient.create(dataSource));

        log.record(new AuditEntry(t0, scope, "admin", "terms.add", "spoiler"));
        log.record(new AuditEntry(t0.plusSeconds(5), other, "admin", "terms.add", "x"));
        log.record(new AuditEntry(t0.plusSeconds(10), scope, "user-7", "moderation.block.input", "category=custom"));

        assertThat(new JdbcAuditLog(JdbcClient.create(dataSource)).recent(scope, 10)).containsExactly(
                new AuditEntry(t0.plusSeconds(10), scope, "user-7", "moderation.block.input", "category=custom"),
                new AuditEntry(t0, scope, "admin", "terms.add", "spoiler"));
        assertThat(log.recent(scope, 1)).hasSize(1);
        assertThat(log.recent(scope, 10).getFirst().at().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(t0.plusSeconds(10));
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void aReplyModeIsKeptPerChannelAndSurvivesANewStore(TestDatabase database) throws Exception {
        DataSource dataSource = migrated(database);
        var scope = new ScopeKey(Platform.DISCORD, "guild-1");
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        var store = new JdbcChannelSettingsStore(JdbcClient.create(dataSource), transactions);
        var general = new ChannelKey(scope, "general");

        store.save(general, ChannelSettings.DEFAULTS.withReplyMode(ReplyMode.OFF));
        store.save(general, ChannelSettings.DEFAULTS.withReplyMode(ReplyMode.AUTO_REPLY));
        store.save(new ChannelKey(scope, "memes"), ChannelSettings.DEFAULTS.withReplyMode(ReplyMode.OFF));
        store.save(new ChannelKey(scope, "quiet"), ChannelSettings.DEFAULTS.withReplyMode(ReplyMode.MENTION_ONLY));

        var reopened = new JdbcChannelSettingsStore(JdbcClient.create(dataSource), transactions);
        assertThat(reopened.load(general).replyMode()).isEqualTo(ReplyMode.AUTO_REPLY);
        assertThat(reopened.load(new ChannelKey(scope, "memes")).replyMode()).isEqualTo(ReplyMode.OFF);
        assertThat(reopened.load(new ChannelKey(scope, "quiet"))).isEqualTo(ChannelSettings.DEFAULTS);
        assertThat(reopened.load(new ChannelKey(new ScopeKey(Platform.TELEGRAM, "guild-1"), "general")))
                .isEqualTo(ChannelSettings.DEFAULTS);
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void aChannelsOwnModerationRoundTripsBesideItsReplyModeAndLeavesTheScopesAlone(TestDatabase database) throws Exception {
        DataSource dataSource = migrated(database);
        var scope = new ScopeKey(Platform.DISCORD, "guild-1");
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        var general = new ChannelKey(scope, "general");
        var moderation = ScopeSettings.DEFAULTS.withBlockedTerm("spoiler").withAllowedTerm("kill it")
                .withCategory(Category.HATE, new CategorySetting(CategoryAction.BLOCK, 0.3))
                .withDirections(Set.of());
        var settings = new ChannelSettings(ReplyMode.AUTO_REPLY, moderation);
        store(dataSource).save(scope, ScopeSettings.DEFAULTS.withBlockedTerm("leak"));

        new JdbcChannelSettingsStore(JdbcClient.create(dataSource), transactions).save(general, settings);

        var reopened = new JdbcChannelSettingsStore(JdbcClient.create(dataSource), transactions);
        assertThat(reopened.load(general)).isEqualTo(settings);
        assertThat(reopened.load(general).moderation().directions()).isEmpty();
        assertThat(store(dataSource).load(scope)).isEqualTo(ScopeSettings.DEFAULTS.withBlockedTerm("leak"));
        reopened.save(general, settings.withModeration(ScopeSettings.DEFAULTS));
        assertThat(new JdbcChannelSettingsStore(JdbcClient.create(dataSource), transactions).load(general))
                .isEqualTo(ChannelSettings.DEFAULTS.withReplyMode(ReplyMode.AUTO_REPLY));
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void conversationHistoryIsKeptPerConversationUntilDeletedPurgedOrTheScopeOptsOut(TestDatabase database)
            throws Exception {
        DataSource dataSource = migrated(database);
        var scope = new ScopeKey(Platform.DISCORD, "guild-1");
        var sameIdElsewhere = new ScopeKey(Platform.TELEGRAM, "guild-1");
        var channel = new ConversationKey(new Location(Platform.DISCORD, "guild-1", "general", null), null);
        var thread = new ConversationKey(new Location(Platform.DISCORD, "guild-1", "general", "thread-1"), null);
        var chain = new ConversationKey(new Location(Platform.DISCORD, "guild-1", "general", null), "root-7");
        var elsewhere = new ConversationKey(new Location(Platform.TELEGRAM, "guild-1", "general", null), null);
        Instant t0 = Instant.parse("2026-11-26T10:15:30Z");
        String longReply = "word ".repeat(2_000).strip(); // past any VARCHAR(1000)
        var archive = archive(dataSource);

        archive.optIn(scope, t0);
        archive.optIn(sameIdElsewhere, t0);
        archive.append(channel, new ArchivedExchange(t0, "q1", "a1"));
        archive.append(channel, new ArchivedExchange(t0.plusSeconds(60), "q2 ünïcødé ✓", longReply));
        archive.append(thread, new ArchivedExchange(t0.plusSeconds(61), "in a thread", "t"));
        archive.append(chain, new ArchivedExchange(t0.plusSeconds(62), "in a chain", "c"));
        archive.append(elsewhere, new ArchivedExchange(t0.plusSeconds(63), "telegram", "x"));

        var reopened = archive(dataSource);
        assertThat(reopened.optedIn(scope)).isTrue();
        assertThat(reopened.optedIn(new ScopeKey(Platform.DISCORD, "guild-2"))).isFalse();
        assertThat(reopened.latest(channel, 10, Instant.EPOCH)).containsExactly(
                new ArchivedExchange(t0, "q1", "a1"), new ArchivedExchange(t0.plusSeconds(60), "q2 ünïcødé ✓", longReply));
        assertThat(reopened.latest(channel, 1, Instant.EPOCH)).extracting(ArchivedExchange::userText)
                .containsExactly("q2 ünïcødé ✓");
        assertThat(reopened.latest(channel, 10, t0.plusSeconds(1))).extracting(ArchivedExchange::userText)
                .containsExactly("q2 ünïcødé ✓");
        assertThat(reopened.latest(thread, 10, Instant.EPOCH)).extracting(ArchivedExchange::userText)
                .containsExactly("in a thread");
        assertThat(reopened.latest(chain, 10, Instant.EPOCH)).extracting(ArchivedExchange::userText)
                .containsExactly("in a chain");

        assertThat(reopened.delete(thread)).isEqualTo(1);
        assertThat(reopened.latest(thread, 10, Instant.EPOCH)).isEmpty();
        assertThat(reopened.purgeBefore(t0.plusSeconds(1))).isEqualTo(1);
        assertThat(reopened.latest(channel, 10, Instant.EPOCH)).hasSize(1);

        assertThat(reopened.optOut(scope)).isEqualTo(2); // the channel's second exchange and the chain's
        assertThat(reopened.optedIn(scope)).isFalse();
        assertThat(reopened.latest(channel, 10, Instant.EPOCH)).isEmpty();
        assertThat(reopened.latest(chain, 10, Instant.EPOCH)).isEmpty();
        assertThat(reopened.optedIn(sameIdElsewhere)).isTrue();
        assertThat(reopened.latest(elsewhere, 10, Instant.EPOCH)).extracting(ArchivedExchange::userText)
                .containsExactly("telegram");
        reopened.optIn(sameIdElsewhere, t0.plusSeconds(100)); // again: still one row, no duplicate key
        assertThat(reopened.optedIn(sameIdElsewhere)).isTrue();
    }

    private static JdbcConversationArchive archive(DataSource dataSource) {
        return new JdbcConversationArchive(JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void anAcceptedQuestionIsKeptWholeInOrderUntilItIsFinished(TestDatabase database) throws Exception {
        DataSource dataSource = migrated(database);
        Instant at = Instant.parse("2026-11-26T21:00:00Z");
        var inThread = new InboundMessage("1001", new Location(Platform.DISCORD, "guild-1", "general", "thread-7"),
                new Author("alice", "Alice Ø", Set.of("mods", "123456"), true, false), "what is tea?\nand coffee?",
                "999", true, false, at.minusSeconds(3), "990");
        var direct = new InboundMessage("42:7", new Location(Platform.TELEGRAM, "42", "42", null),
                new Author("7", "Bob", Set.of(), false, false), "hello " + "x".repeat(5000), null, false, true,
                at.minusSeconds(1));
        var second = new InboundMessage("1002", inThread.location(), inThread.author(), "and milk?", null, true, false,
                at, null);
        var questions = new JdbcAcceptedQuestions(JdbcClient.create(dataSource));

        questions.accepted(new AcceptedQuestion("q-1", inThread, at));
        questions.accepted(new AcceptedQuestion("q-2", direct, at));
        questions.accepted(new AcceptedQuestion("q-3", second, at.plusSeconds(1)));

        var reopened = new JdbcAcceptedQuestions(JdbcClient.create(dataSource));
        assertThat(reopened.pending(Platform.DISCORD)).containsExactly(new AcceptedQuestion("q-1", inThread, at),
                new AcceptedQuestion("q-3", second, at.plusSeconds(1)));
        assertThat(reopened.pending(Platform.TELEGRAM)).containsExactly(new AcceptedQuestion("q-2", direct, at));
        reopened.finished("q-1");
        reopened.finished("q-1");
        reopened.finished("q-2");
        assertThat(questions.pending(Platform.DISCORD)).extracting(AcceptedQuestion::id).containsExactly("q-3");
        assertThat(questions.pending(Platform.TELEGRAM)).isEmpty();
        assertThat(JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM accepted_question WHERE body LIKE '%tea%'")
                .query(Long.class).single()).isZero();
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void theTelegramOffsetIsKeptPerBotAndMovesOn(TestDatabase database) throws Exception {
        DataSource dataSource = migrated(database);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        var offsets = new JdbcUpdateOffsets(JdbcClient.create(dataSource), transactions);

        assertThat(offsets.next(111)).isEmpty();
        offsets.handedOver(111, 500);
        offsets.handedOver(111, 503);
        offsets.handedOver(222, 7);

        var reopened = new JdbcUpdateOffsets(JdbcClient.create(dataSource), transactions);
        assertThat(reopened.next(111)).hasValue(503);
        assertThat(reopened.next(222)).hasValue(7);
        assertThat(reopened.next(333)).isEmpty();
    }

    private static JdbcSettingsStore store(DataSource dataSource) {
        return new JdbcSettingsStore(JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }
}
