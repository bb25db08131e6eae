package dev.parley.app.model;

import dev.parley.app.startup.StartupException;
import dev.parley.app.storage.JdbcExperimentStats;
import dev.parley.core.experiment.Arm;
import dev.parley.core.experiment.Experiment;
import dev.parley.core.experiment.ExperimentReport;
import dev.parley.core.experiment.ExperimentStats;
import dev.parley.core.experiment.Split;
import dev.parley.core.modelswap.ModelSpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds the A/B experiment of {@code parley.model.experiment.*} and its report; invalid settings stop start-up. */
@Configuration(proxyBeanMethods = false)
public class ExperimentConfiguration {

    @Bean
    Experiment experiment(ExperimentProperties experiment, ModelProperties model) {
        return of(experiment, model);
    }

    @Bean
    ExperimentStats experimentStats(JdbcClient jdbc) {
        return new JdbcExperimentStats(jdbc);
    }

    @Bean
    ExperimentReport experimentReport(Experiment experiment, ExperimentStats stats) {
        return new ExperimentReport(experiment, stats);
    }

    /** The experiment the settings describe, or {@link Experiment#off()}; a {@link StartupException} names what is wrong. */
    static Experiment of(ExperimentProperties experiment, ModelProperties model) {
        if (!experiment.enabled()) {
            return Experiment.off();
        }
        if (model.backend() != ModelProperties.Backend.LLAMA) {
            throw new StartupException("invalid parley.model.experiment: it needs parley.model.backend=llama,"
                    + " as only llama.cpp applies adapter scales per request");
        }
        try {
            Arm a = new Arm(model.lora().path() == null ? null : ModelSpec.adapterName(model.lora().path()),
                    model.lora().scale());
            Arm b = new Arm(experiment.variantB().loraPath() == null ? null
                    : ModelSpec.adapterName(experiment.variantB().loraPath()), experiment.variantB().scale());
            return Experiment.between(new Split(experiment.fraction(), experiment.salt()), a, b);
        } catch (IllegalArgumentException e) {
            throw new StartupException("invalid parley.model.experiment: " + e.getMessage());
        }
    }
}
