package dev.parley.core.dataset;

import dev.parley.core.privacy.ExportFile;
import java.util.List;
import java.util.Objects;

/**
 * The port that turns a {@link DatasetRequest} into the files trainers read, the same files
 * {@code parley dataset export} writes (the supervised examples, the preference pairs, the
 * manifest). It reads the database and moderates every text again, so it may take a while: callers
 * run it off the platforms' threads.
 */
@FunctionalInterface
public interface DatasetFileWriter {

    /** The export as files, the manifest last, with the figures of its manifest. */
    Written write(DatasetRequest request) throws DatasetUnavailableException;

    /** An export written: its files in the order they are sent, and its figures. */
    record Written(List<ExportFile> files, DatasetSummary summary) {

        public Written {
            files = List.copyOf(files);
            Objects.requireNonNull(summary, "summary");
        }
    }

    /** The export could not be made (the database failed, a table is missing); the message is one line. */
    final class DatasetUnavailableException extends Exception {

        public DatasetUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
