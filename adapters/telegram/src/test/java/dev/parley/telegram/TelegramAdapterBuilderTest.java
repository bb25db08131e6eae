package dev.parley.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The builder that replaced the adapter's constructors checks each part as it is set and names a missing one. */
class TelegramAdapterBuilderTest {

    private static final TelegramSettings SETTINGS = new TelegramSettings("123:secret",
            URI.create("http://127.0.0.1:1"), null, Duration.ofSeconds(10));

    @Test
    void build_namesTheMissingRequiredPart() {
        var builder = TelegramAdapter.builder().settings(SETTINGS).clock(InstantSource.system());

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("pipeline");
    }

    @Test
    void setters_refuseNullWhenItIsSet() {
        var builder = TelegramAdapter.builder();

        assertThatThrownBy(() -> builder.offsets(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("offsets");
        assertThatThrownBy(() -> builder.caches(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("caches");
    }

    @Test
    void defaultBackOff_doublesFromOneSecondUpToAMinute_andStartsOverAfterReset() {
        var backOff = new DoublingBackOff(Duration.ofSeconds(1), Duration.ofMinutes(1));

        long[] waits = new long[8];
        for (int i = 0; i < waits.length; i++) {
            waits[i] = backOff.nextBackOffMillis();
        }
        backOff.reset();

        assertThat(waits).containsExactly(1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000);
        assertThat(backOff.nextBackOffMillis()).isEqualTo(1_000);
    }
}
