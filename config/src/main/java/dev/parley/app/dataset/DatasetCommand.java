package dev.parley.app.dataset;

import dev.parley.app.DatabaseFailure;
import dev.parley.app.dataset.DatasetFiles.WrittenFile;
import dev.parley.app.dataset.ExportArguments.BadArgumentException;
import dev.parley.app.storage.JdbcFeedbackSource;
import dev.parley.app.storage.JdbcInstallationSecrets;
import dev.parley.app.storage.JdbcSettingsStore;
import dev.parley.core.audit.AuditHash;
import dev.parley.core.dataset.AuthorPseudonyms;
import dev.parley.core.dataset.Dataset;
import dev.parley.core.dataset.DatasetExport;
import dev.parley.core.dataset.ModerationScreen;
import dev.parley.core.dataset.Redactor;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.FailureMode;
import dev.parley.core.moderation.LearnedModerationProvider;
import dev.parley.core.moderation.LocalModerationProvider;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.ModerationProvider;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.model.encoder.SentenceEncoder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code parley dataset export --scope PLATFORM:ID --since DATE --out DIR}: the feedback of the
 * scopes written as fine-tuning files ({@link DatasetFiles}) by the rules of {@link DatasetExport}.
 * Runs without Spring's application context, as {@code moderate} does: it opens the database of
 * {@code --database-url}, else {@code PARLEY_DATABASE_URL}, else the bot's default file, with
 * {@code PARLEY_DATABASE_USER} and {@code PARLEY_DATABASE_PASSWORD}; it writes nothing there but
 * the installation secret when none exists yet.
 *
 * <p>The texts are moderated again by the tiers the bot runs by default (the local and the learned
 * tier; {@code --lexical-only} the local one alone) under each scope's stored settings over the
 * standard categories, failing closed. A bad argument is one line on standard error and exit status
 * 2; a failure while exporting is one line and exit status 1.
 */
public final class DatasetCommand {

    /** The bot's own default database (application.yml). */
    static final String DEFAULT_DATABASE_URL = "jdbc:h2:retry:file:./data/parley;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

    /** The standard categories on both directions; an unavailable tier keeps a text out instead of letting it in. */
    static final ModerationDefaults DEFAULTS = new ModerationDefaults(Map.of(), List.of(), List.of(),
            Set.of(Direction.INPUT, Direction.OUTPUT), Set.of(), FailureMode.FAIL_CLOSED, "blocked", "withheld",
            ModerationDefaults.UNAVAILABLE_NOTICE);

    /** H2's "database not found" with IFEXISTS (ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1). */
    private static final int H2_NOT_FOUND = 90146;

    /** A failure that ends the export; the message is one line. */
    private static final class ExportFailure extends Exception {
        ExportFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final InstantSource clock;

    public DatasetCommand(PrintStream out, PrintStream err, Map<String, String> environment, InstantSource clock) {
        this.out = out;
        this.err = err;
        this.environment = Map.copyOf(environment);
        this.clock = clock;
    }

    /** Runs on {@code args} (after the word "dataset") and returns the exit status. */
    public int run(List<String> args) {
        ExportArguments arguments;
        try {
            arguments = ExportArguments.parse(args, clock.instant());
        } catch (BadArgumentException e) {
            err.println("parley dataset: " + e.getMessage());
            return 2;
        }
        try {
            export(arguments);
            return 0;
        } catch (ExportFailure e) {
            err.println("parley dataset: " + e.getMessage());
            return 1;
        }
    }

    private void export(ExportArguments arguments) throws ExportFailure {
        List<String> names = names(arguments.names());
        String url = arguments.databaseUrl() != null ? arguments.databaseUrl()
                : environment.getOrDefault("PARLEY_DATABASE_URL", DEFAULT_DATABASE_URL);
        SingleConnectionDataSource database = dataSource(url);
        JdbcClient jdbc = JdbcClient.create(database);
        TextNormaliser normaliser = new TextNormaliser();
        LocalModerationProvider local = LocalModerationProvider.standard(normaliser);
        @Nullable SentenceEncoder encoder = null;
        List<ModerationProvider> tiers = List.of(local);
        String moderation = "local tier";
        try {
            if (!arguments.lexicalOnly()) {
                encoder = SentenceEncoder.loadFor(LearnedModerationProvider.standardHeads(), 1);
                tiers = List.of(local, LearnedModerationProvider.standard(encoder, local));
                moderation = "local and learned (" + encoder.name() + ") tiers";
            }
            var policies = new ModerationPolicies(new JdbcSettingsStore(jdbc,
                    new TransactionTemplate(new DataSourceTransactionManager(database))), DEFAULTS, normaliser);
            byte[] key = new JdbcInstallationSecrets(jdbc, new SecureRandom()).auditHashKey();
            AuditHash hash = new AuditHash(key);
            Arrays.fill(key, (byte) 0);
            var export = new DatasetExport(new JdbcFeedbackSource(jdbc),
                    new ModerationScreen(new Moderator(normaliser, tiers, 0), policies::forScope),
                    new Redactor(names), new AuthorPseudonyms(hash));
            Dataset dataset = export.export(arguments.scopes(), arguments.since(), arguments.until(),
                    arguments.selection());
            List<WrittenFile> files = new DatasetFiles().write(dataset, arguments.out(), clock.instant(),
                    moderation + ", each scope's stored settings over the standard categories, failing closed");
            for (WrittenFile file : files) {
                out.println("wrote " + arguments.out().resolve(file.name()) + " (" + file.lines() + " lines, sha256 "
                        + file.sha256() + ")");
            }
            var summary = dataset.summary();
            out.println(summary.sftExamples() + " examples and " + summary.preferencePairs() + " preference pairs from "
                    + summary.exchangesRead() + " exchanges; dropped: " + summary.droppedOptedOut() + " opted out, "
                    + summary.droppedByModerationTotal() + " by moderation, " + summary.droppedEmpty()
                    + " empty once redacted, " + summary.droppedIdenticalPairs() + " pairs of identical answers");
        } catch (FileAlreadyExistsException e) {
            throw new ExportFailure(e.getFile() + " " + e.getReason());
        } catch (IOException e) {
            throw new ExportFailure("cannot write into " + arguments.out() + ": " + oneLine(String.valueOf(e)));
        } catch (DataAccessException e) {
            throw new ExportFailure(databaseProblem(e, url));
        } catch (RuntimeException e) {
            if (encoder == null && !arguments.lexicalOnly()) {
                throw new ExportFailure("the learned moderation tier cannot start (--lexical-only runs without it): "
                        + oneLine(String.valueOf(e.getMessage())));
            }
            throw e;
        } finally {
            database.destroy();
            if (encoder != null) {
                encoder.close();
            }
        }
    }

    private static String databaseProblem(DataAccessException e, String url) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof SQLException sql) {
            String state = sql.getSQLState() == null ? "" : sql.getSQLState();
            if (sql.getErrorCode() == H2_NOT_FOUND) {
                return "there is no database at " + url + "; give --database-url, or run this where the bot keeps"
                        + " ./data (or set PARLEY_DATABASE_URL)";
            }
            // 42S02 (H2) and 42P01 (PostgreSQL): a table is missing, the schema is older than the export
            if (state.equals("42S02") || state.equals("42P01") || state.equals("42S04")) {
                return "the database has no feedback tables (" + oneLine(sql.getMessage()) + "); run this version of"
                        + " Parley on it once so that its migrations run";
            }
            return DatabaseFailure.explain(sql);
        }
        return "the database failed: " + oneLine(String.valueOf(cause.getMessage()));
    }

    /** One connection for the whole export: an embedded H2 file is then opened once, not per query. */
    private SingleConnectionDataSource dataSource(String url) throws ExportFailure {
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new ExportFailure("no database driver takes the URL " + url + "; use jdbc:h2:... or jdbc:postgresql:...");
        }
        // an H2 file that does not exist would be created empty: say it is missing instead
        String opened = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.contains("IFEXISTS")
                ? url + ";IFEXISTS=TRUE" : url;
        return new SingleConnectionDataSource(opened, environment.getOrDefault("PARLEY_DATABASE_USER", "parley"),
                environment.getOrDefault("PARLEY_DATABASE_PASSWORD", ""), true);
    }

    /** The names to mask: one a line, blank lines and lines starting with # skipped. */
    private static List<String> names(@Nullable Path file) throws ExportFailure {
        if (file == null) {
            return List.of();
        }
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (NoSuchFileException e) {
            throw new ExportFailure("--names: no such file: " + file);
        } catch (CharacterCodingException e) {
            throw new ExportFailure("--names: " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new ExportFailure("--names: cannot read " + file + ": " + oneLine(String.valueOf(e)));
        }
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\R+", " ").strip();
    }
}
