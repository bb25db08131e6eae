package dev.parley.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExperimentTest {

    private static final Arm TONE = new Arm("tone", 0.8f);
    private static final Arm TONE_B = new Arm("tone-b", 1.5f);

    private static ConversationKey key(int i) {
        return new ConversationKey(new Location(Platform.DISCORD, "guild", "chan-" + i, null), null);
    }

    private static ConversationKey keyOn(Experiment experiment, Variant wanted) {
        return IntStream.range(0, 100).mapToObj(ExperimentTest::key)
                .filter(k -> experiment.variantOf(k).orElseThrow() == wanted).findFirst().orElseThrow();
    }

    @Test
    void scalesFor_variantA_setsAsOwnScaleAndBToZero() {
        Experiment experiment = Experiment.between(new Split(0.5, ""), TONE, TONE_B);
        ConversationKey onA = keyOn(experiment, Variant.A);

        assertThat(experiment.scalesFor(onA, Map.of())).isEqualTo(Map.of("tone", 0.8f, "tone-b", 0f));
        assertThat(experiment.recorded(onA)).isEqualTo("a");
    }

    @Test
    void answeringAdapter_namesTheVariantsOwnAdapter_baseModelAsEmpty_noneWhenOffOrSwapped() {
        Experiment experiment = Experiment.between(new Split(0.5, ""), new Arm(null, 1f), TONE_B);
        ConversationKey onB = keyOn(experiment, Variant.B);

        assertThat(experiment.answeringAdapter(onB, "")).contains("tone-b");
        assertThat(experiment.answeringAdapter(keyOn(experiment, Variant.A), "")).contains("");
        assertThat(experiment.answeringAdapter(onB, "tone-2")).as("after /model load --lora tone-2.gguf").isEmpty();
        assertThat(Experiment.off().answeringAdapter(key(1), "")).isEmpty();
    }

    @Test
    void scalesFor_variantB_setsBsOwnScaleAndAToZero() {
        Experiment experiment = Experiment.between(new Split(0.5, ""), TONE, TONE_B);
        ConversationKey onB = keyOn(experiment, Variant.B);

        assertThat(experiment.scalesFor(onB, Map.of())).isEqualTo(Map.of("tone", 0f, "tone-b", 1.5f));
        assertThat(experiment.recorded(onB)).isEqualTo("b");
    }

    @Test
    void scalesFor_baseModelAsA_onlyNamesB() {
        Experiment experiment = Experiment.between(new Split(0.5, ""), new Arm(null, 1f), TONE_B);

        assertThat(experiment.scalesFor(keyOn(experiment, Variant.A), Map.of())).isEqualTo(Map.of("tone-b", 0f));
        assertThat(experiment.scalesFor(keyOn(experiment, Variant.B), Map.of())).isEqualTo(Map.of("tone-b", 1.5f));
    }

    @Test
    void scalesFor_personaNamesAnAdapter_personaWinsForThatName() {
        Experiment experiment = Experiment.between(new Split(1, ""), TONE, TONE_B);

        assertThat(experiment.scalesFor(key(1), Map.of("tone", 0.3f, "other", 2f)))
                .isEqualTo(Map.of("tone", 0.3f, "tone-b", 1.5f, "other", 2f));
    }

    @Test
    void off_keepsThePersonasScalesAndRecordsNoVariant() {
        Experiment off = Experiment.off();

        assertThat(off.running()).isFalse();
        assertThat(off.variantOf(key(1))).isEqualTo(Optional.empty());
        assertThat(off.recorded(key(1))).isEmpty();
        assertThat(off.scalesFor(key(1), Map.of("tone", 0.3f))).isEqualTo(Map.of("tone", 0.3f));
    }

    @Test
    void variantOf_sameConversation_sameVariantInAnotherInstance() {
        Experiment first = Experiment.between(new Split(0.5, "s"), TONE, TONE_B);
        Experiment restarted = Experiment.between(new Split(0.5, "s"), TONE, TONE_B);

        IntStream.range(0, 200).mapToObj(ExperimentTest::key)
                .forEach(k -> assertThat(restarted.variantOf(k)).isEqualTo(first.variantOf(k)));
    }

    @Test
    void between_noOrSameAdapterForB_isRefusedInOneLine() {
        assertThatThrownBy(() -> Experiment.between(new Split(0.5, ""), TONE, new Arm(null, 1f)))
                .hasMessage("parley.model.experiment.variant-b.lora-path is required when the experiment is enabled");
        assertThatThrownBy(() -> Experiment.between(new Split(0.5, ""), TONE, new Arm("tone", 1f)))
                .hasMessage("variant B's adapter 'tone' must differ from variant A's");
    }
}
