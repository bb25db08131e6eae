package dev.parley.app.chat;

import dev.parley.app.storage.JdbcQuotaRules;
import dev.parley.app.storage.JdbcUsageLedger;
import dev.parley.core.quota.Quotas;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.InstantSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Builds the quotas: configured budgets, admins' overrides and usage counters in the database, meters. */
@Configuration(proxyBeanMethods = false)
public class QuotaConfiguration {

    @Bean
    Quotas quotas(QuotaProperties quota, JdbcClient jdbc, TransactionTemplate transactions, InstantSource clock,
            MeterRegistry registry) {
        return new Quotas(quota.toLimits(), quota.zone(), new JdbcQuotaRules(jdbc, transactions),
                new JdbcUsageLedger(jdbc), clock, new QuotaMeters(registry));
    }
}
