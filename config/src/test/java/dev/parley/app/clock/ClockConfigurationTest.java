package dev.parley.app.clock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.model.ModelConfiguration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Import;

class ClockConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(ClockConfiguration.class);

    @Test
    void clock_isTheSystemsWhenNoneIsRegistered() {
        context.run(app -> assertThat(app).getBean(InstantSource.class).isEqualTo(InstantSource.system()));
    }

    @Test
    void clock_isTheOneATestRegistered() {
        InstantSource fixed = InstantSource.fixed(Instant.parse("2028-02-29T12:00:00Z"));

        context.withBean("testClock", InstantSource.class, () -> fixed)
                .run(app -> assertThat(app).getBean(InstantSource.class).isSameAs(fixed));
    }

    @Test
    void modelConfiguration_bringsTheClock_soTheModelServerHasOne() {
        assertThat(ModelConfiguration.class.getAnnotation(Import.class).value()).contains(ClockConfiguration.class);
    }
}
