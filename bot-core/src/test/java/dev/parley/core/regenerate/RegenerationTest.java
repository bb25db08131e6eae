package dev.parley.core.regenerate;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.GenerationSettings;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RegenerationTest {

    private static final GenerationSettings ASKED = new GenerationSettings(64, 0.7f, 42);

    private static Regeneration of(String... shownBy) {
        return new Regeneration(new ShownAnswer(mention(ALICE, "a city?"), "Paris.", List.of(shownBy),
                CompletableFuture.completedFuture(OptionalLong.empty())));
    }

    @Test
    void sampling_keepsTheTemperatureAndLength_butNotTheSeedOfTheAnswerReplaced() {
        GenerationSettings again = of("m1").sampling(ASKED);

        assertThat(again.temperature()).isEqualTo(0.7f);
        assertThat(again.maxNewTokens()).isEqualTo(64);
        assertThat(again.seed()).isNotEqualTo(42).isBetween(0L, 0xFFFF_FFFEL);
    }

    @Test
    void sampling_differsForEachAnswerReplaced_andIsTheSameForOne() {
        assertThat(of("m1").sampling(ASKED).seed()).isNotEqualTo(of("m2").sampling(ASKED).seed())
                .isEqualTo(of("m0", "m1").sampling(ASKED).seed());
    }
}
