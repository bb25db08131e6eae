package dev.parley.core.command;

import dev.parley.core.dataset.DatasetFileWriter;
import dev.parley.core.privacy.PrivateDelivery;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What {@code /dataset export} needs: the writer of the files, the way to the operator's private
 * chat, who the operators are, where the export runs (never a platform's thread), and how long the
 * command waits for it before answering that the files will follow.
 */
public record DatasetExportSetup(DatasetFileWriter writer, PrivateDelivery delivery, Operators operators,
        Executor background, Duration answerWithin) {

    public DatasetExportSetup {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(operators, "operators");
        Objects.requireNonNull(background, "background");
        if (answerWithin.isNegative()) {
            throw new IllegalArgumentException("answerWithin must not be negative, was " + answerWithin);
        }
    }

    DatasetCommands commands(AdminChanges changes) {
        return new DatasetCommands(this, changes);
    }
}
