package dev.parley.app.dataset;

import dev.parley.app.dataset.DatasetFiles.WrittenFile;
import dev.parley.app.storage.JdbcFeedbackSource;
import dev.parley.core.audit.AuditHash;
import dev.parley.core.dataset.AuthorPseudonyms;
import dev.parley.core.dataset.Dataset;
import dev.parley.core.dataset.DatasetExport;
import dev.parley.core.dataset.DatasetFileWriter;
import dev.parley.core.dataset.DatasetRequest;
import dev.parley.core.dataset.ModerationScreen;
import dev.parley.core.dataset.Redactor;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.privacy.ExportFile;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.SettingsStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The running bot's {@link DatasetFileWriter}, for {@code /dataset export}: the rules of
 * {@link DatasetExport} on the bot's database, moderated again by the bot's own tiers under each
 * scope's stored settings over the standard categories, failing closed (as {@code parley dataset
 * export} does), written by {@link DatasetFiles} into a directory of its own that is deleted once
 * the files are read back.
 */
public final class StoredDatasetWriter implements DatasetFileWriter {

    private final DatasetExport export;
    private final InstantSource clock;

    public StoredDatasetWriter(JdbcClient jdbc, SettingsStore settings, Moderator moderator, TextNormaliser normaliser,
            AuditHash hash, InstantSource clock) {
        var policies = new ModerationPolicies(settings, DatasetCommand.DEFAULTS, normaliser);
        this.export = new DatasetExport(new JdbcFeedbackSource(jdbc), new ModerationScreen(moderator, policies::forScope),
                new Redactor(List.of()), new AuthorPseudonyms(hash));
        this.clock = clock;
    }

    @Override
    public Written write(DatasetRequest request) throws DatasetUnavailableException {
        Dataset dataset;
        try {
            dataset = export.export(request.scopes(), request.since(), request.until(), request.selection());
        } catch (DataAccessException e) {
            throw new DatasetUnavailableException("the database failed while reading the feedback: "
                    + e.getMostSpecificCause().getClass().getSimpleName(), e);
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("parley-dataset");
            List<WrittenFile> written = new DatasetFiles().write(dataset, dir, clock.instant(),
                    "the bot's moderation tiers, each scope's stored settings over the standard categories,"
                            + " failing closed");
            List<ExportFile> files = new ArrayList<>();
            for (WrittenFile file : written) {
                files.add(new ExportFile(file.name(), Files.readAllBytes(dir.resolve(file.name())),
                        caption(file, dataset)));
            }
            return new Written(files, dataset.summary());
        } catch (IOException e) {
            throw new DatasetUnavailableException("the files could not be written: " + e.getClass().getSimpleName(), e);
        } finally {
            delete(dir);
        }
    }

    private static String caption(WrittenFile file, Dataset dataset) {
        return switch (file.name()) {
            case DatasetFiles.SFT -> "Supervised examples: " + file.lines() + " lines.";
            case DatasetFiles.DPO -> "Preference pairs: " + file.lines() + " lines.";
            default -> "Manifest of the export: " + dataset.summary().exchangesRead() + " exchanges read.";
        };
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the export's temporary directory", e);
        }
    }
}
