package dev.parley.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.dataset.DatasetFiles;
import dev.parley.app.dataset.FineTuningFormat;
import dev.parley.app.dataset.SeededFeedback;
import dev.parley.core.audit.AuditHash;
import dev.parley.core.conversation.Platform;
import dev.parley.core.dataset.AuthorPseudonyms;
import dev.parley.core.dataset.Dataset;
import dev.parley.core.dataset.DatasetExport;
import dev.parley.core.dataset.ModerationScreen;
import dev.parley.core.dataset.Redactor;
import dev.parley.core.dataset.Selection;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.LocalModerationProvider;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The dataset export on the feedback tables of H2 and PostgreSQL, seeded with plain SQL. */
class DatasetExportStorageTest {

    private static final ScopeKey GUILD = new ScopeKey(Platform.DISCORD, "guild-1");
    private static final Instant SINCE = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    private final List<TestDatabase> copies = new ArrayList<>();
    private final FineTuningFormat format = new FineTuningFormat();

    @AfterEach
    void dropCopies() {
        copies.forEach(TestDatabase::drop);
    }

    private DataSource seeded(TestDatabase database) {
        TestDatabase copy = database.migratedCopy();
        copies.add(copy);
        DataSource dataSource = copy.dataSource();
        SeededFeedback.seed(JdbcClient.create(dataSource));
        return dataSource;
    }

    private static DatasetExport export(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        var normaliser = new TextNormaliser();
        var defaults = new ModerationDefaults(List.of(), Set.of(Direction.INPUT, Direction.OUTPUT), "in", "out");
        var policies = new ModerationPolicies(new JdbcSettingsStore(jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource))), defaults, normaliser);
        var moderator = new Moderator(normaliser, List.of(LocalModerationProvider.standard(normaliser)), 0);
        var hash = new AuditHash(new JdbcInstallationSecrets(jdbc, new SecureRandom()).auditHashKey());
        return new DatasetExport(new JdbcFeedbackSource(jdbc), new ModerationScreen(moderator, policies::forScope),
                new Redactor(), new AuthorPseudonyms(hash));
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void export_countsMasksDropsAndWritesLinesTheStrictFormatAccepts(TestDatabase database) throws Exception {
        DataSource dataSource = seeded(database);

        Dataset dataset = export(dataSource).export(List.of(GUILD), SINCE, UNTIL, Selection.THUMBS_UP);
        new DatasetFiles().write(dataset, dir, UNTIL, "local tier");

        var summary = dataset.summary();
        assertThat(summary.exchangesRead()).isEqualTo(SeededFeedback.READ);
        assertThat(summary.sftExamples()).isEqualTo(SeededFeedback.SFT_EXAMPLES);
        assertThat(summary.preferencePairs()).isEqualTo(SeededFeedback.DPO_PAIRS);
        assertThat(summary.droppedOptedOut()).isEqualTo(1);
        assertThat(summary.droppedByModeration()).hasSize(1).containsValue(1);
        assertThat(summary.droppedByModeration().keySet().iterator().next()).startsWith("input ");
        assertThat(summary.models()).containsOnlyKeys("parley-base-q4.gguf");
        assertThat(summary.adapters()).containsOnlyKeys("", "tone-v1.gguf");
        assertThat(summary.authors()).hasSize(2).allSatisfy((pseudonym, count) -> assertThat(pseudonym)
                .matches("u[0-9a-f]{16}"));
        List<String> sft = Files.readAllLines(dir.resolve(DatasetFiles.SFT));
        List<String> dpo = Files.readAllLines(dir.resolve(DatasetFiles.DPO));
        assertThat(sft).hasSize(SeededFeedback.SFT_EXAMPLES).allSatisfy(format::chat);
        assertThat(dpo).hasSize(SeededFeedback.DPO_PAIRS).allSatisfy(format::preference);
        String exported = String.join("\n", sft) + String.join("\n", dpo);
        assertThat(exported).doesNotContain(SeededFeedback.PERSONAL_DATA)
                .doesNotContain("ana-1", "bob-2", SeededFeedback.OPTED_OUT_AUTHOR)
                .doesNotContain("kill you")
                .contains("[email]", "[phone]", "[user]", "[url]")
                .contains(SeededFeedback.NOT_PERSONAL);
        assertThat(dpo.stream().map(format::preference)).containsExactly(
                new FineTuningFormat.PreferenceLine("What is 2+2?", "4", "5"),
                new FineTuningFormat.PreferenceLine("Escreva um haicai", "Folhas de outono caem", "haicai ruim"));
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void export_includeUnrated_addsTheUnratedAnswerNobodyReplaced(TestDatabase database) {
        DataSource dataSource = seeded(database);

        Dataset dataset = export(dataSource).export(List.of(GUILD), SINCE, UNTIL, Selection.NO_THUMBS_DOWN);

        assertThat(dataset.examples()).hasSize(SeededFeedback.SFT_EXAMPLES_WITH_UNRATED);
        assertThat(dataset.examples()).anySatisfy(example -> assertThat(example.user())
                .isEqualTo("Me conta uma história, liga pro [phone]"));
    }

    @ParameterizedTest
    @MethodSource("dev.parley.app.storage.TestDatabase#all")
    void export_anAdminsBlockedTermOfTodayDropsAnAnswerThatPassedWhenItWasGiven(TestDatabase database) {
        DataSource dataSource = seeded(database);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        var settings = new JdbcSettingsStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        settings.save(GUILD, settings.load(GUILD).withBlockedTerm("haicai"));

        Dataset dataset = export(dataSource).export(List.of(GUILD), SINCE, UNTIL, Selection.THUMBS_UP);

        assertThat(dataset.summary().sftExamples()).isEqualTo(SeededFeedback.SFT_EXAMPLES - 1);
        assertThat(dataset.summary().preferencePairs()).isEqualTo(SeededFeedback.DPO_PAIRS - 1);
        assertThat(dataset.summary().droppedByModerationTotal()).isEqualTo(1 + 2);
    }
}
