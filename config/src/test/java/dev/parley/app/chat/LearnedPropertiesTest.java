package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class LearnedPropertiesTest {

    private static LearnedProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("parley.moderation.learned", LearnedProperties.class);
    }

    @Test
    void unsetMeansTheLearnedTierRunsOnOneThread() {
        LearnedProperties learned = bind(Map.of());
        assertThat(learned.enabled()).isTrue();
        assertThat(learned.threads()).isEqualTo(1);
    }

    @Test
    void itCanBeTurnedOffAndGivenMoreThreads() {
        LearnedProperties learned = bind(Map.of("parley.moderation.learned.enabled", "false",
                "parley.moderation.learned.threads", "2"));
        assertThat(learned.enabled()).isFalse();
        assertThat(learned.threads()).isEqualTo(2);
    }

    @Test
    void noThreadsIsRefusedNamingTheProperty() {
        Throwable thrown = catchThrowable(() -> bind(Map.of("parley.moderation.learned.threads", "0")));
        assertThat(thrown).isInstanceOf(BindException.class);
        Throwable cause = thrown;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertThat(cause).hasMessageContaining("parley.moderation.learned.threads");
    }
}
