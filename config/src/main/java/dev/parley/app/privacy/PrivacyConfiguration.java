package dev.parley.app.privacy;

import dev.parley.app.storage.JdbcAccessData;
import dev.parley.app.storage.JdbcAuditData;
import dev.parley.app.storage.JdbcFeedbackData;
import dev.parley.app.storage.JdbcHistoryData;
import dev.parley.app.storage.JdbcQuestionData;
import dev.parley.app.storage.JdbcRegenerableData;
import dev.parley.app.storage.JdbcReviewData;
import dev.parley.app.storage.JdbcUsageData;
import dev.parley.core.command.CommandService;
import dev.parley.core.privacy.ForgetConfirmations;
import dev.parley.core.privacy.PersonalData;
import dev.parley.core.privacy.PersonalDataHolders;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires {@code /export} and {@code /forget me}: every store holding rows about users, in the order
 * an export lists them. A new store joins with one line in {@link #personalDataHolders}.
 */
@Configuration(proxyBeanMethods = false)
public class PrivacyConfiguration {

    /** How long after {@code /forget me} the confirmation is accepted. */
    static final Duration CONFIRM_WITHIN = Duration.ofMinutes(5);

    @Bean
    PersonalDataHolders personalDataHolders(JdbcClient jdbc, TransactionTemplate transactions, InstantSource clock) {
        List<PersonalData> holders = List.of(
                new JdbcHistoryData(jdbc),
                new JdbcUsageData(jdbc),
                new JdbcAccessData(jdbc, clock),
                new JdbcQuestionData(jdbc),
                new JdbcReviewData(jdbc),
                new JdbcFeedbackData(jdbc, transactions, clock),
                new JdbcRegenerableData(jdbc),
                new JdbcAuditData(jdbc)); // last: /forget me makes the user's audit entries anonymous after the rest
        return new PersonalDataHolders(holders, clock);
    }

    /** Where private files go: the adapters of Discord and Telegram register themselves. */
    @Bean
    PlatformPrivateDelivery privateDelivery() {
        return new PlatformPrivateDelivery();
    }

    @Bean
    CommandService.PrivacySetup privacySetup(PersonalDataHolders holders, PlatformPrivateDelivery delivery,
            InstantSource clock) {
        return new CommandService.PrivacySetup(holders, delivery, new ForgetConfirmations(clock, CONFIRM_WITHIN));
    }
}
