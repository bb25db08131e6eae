package dev.parley.app.dataset;

import dev.parley.app.model.OperatorProperties;
import dev.parley.app.privacy.PlatformPrivateDelivery;
import dev.parley.core.audit.AuditHash;
import dev.parley.core.command.DatasetExportSetup;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.settings.SettingsStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires {@code /dataset export}: the bot's database and moderation behind the export, the operators'
 * private chats for the files, and a thread of its own for each export.
 */
@Configuration(proxyBeanMethods = false)
public class DatasetExportConfiguration implements DisposableBean {

    /** How long the command waits for the files before answering that they will follow. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

    /** Not a bean: an {@code Executor} bean would stand in for Spring Boot's own task executor. */
    private final ExecutorService exports = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("dataset-export-", 0).factory());

    @Bean
    DatasetExportSetup datasetExportSetup(JdbcClient jdbc, SettingsStore settings, Moderator moderator,
            TextNormaliser normaliser, AuditHash hash, InstantSource clock, PlatformPrivateDelivery delivery,
            OperatorProperties operators) {
        return new DatasetExportSetup(new StoredDatasetWriter(jdbc, settings, moderator, normaliser, hash, clock),
                delivery, operators.toOperators(), exports, ANSWER_WITHIN);
    }

    @Override
    public void destroy() {
        exports.close(); // an export running finishes: its files are sent, or its failure audited
    }
}
