package dev.parley.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.ChatTurn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelRecordsTest {

    private static final GenerationSettings GREEDY = new GenerationSettings(64, 0f, 1);

    @Test
    void rejectsGenerationSettingsOutOfRange() {
        assertThatThrownBy(() -> new GenerationSettings(0, 0f, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GenerationSettings(1, -0.1f, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GenerationSettings(1, 5.1f, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GenerationSettings(1, Float.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new GenerationSettings(1, 5f, 1).temperature()).isEqualTo(5f);
    }

    @Test
    void rejectsARequestWithoutTurns() {
        assertThatThrownBy(() -> new ChatRequest(List.of(), GREEDY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesTheTurnsOfARequest() {
        List<ChatTurn> turns = new ArrayList<>(List.of(ChatTurn.user("hi")));
        ChatRequest request = new ChatRequest(turns, GREEDY);

        turns.add(ChatTurn.assistant("hello"));

        assertThat(request.turns()).containsExactly(ChatTurn.user("hi"));
    }

    @Test
    void requestWithoutAdapterScales_keepsTheModelsScales() {
        assertThat(new ChatRequest(List.of(ChatTurn.user("hi")), GREEDY).adapterScales()).isEmpty();
    }

    @Test
    void copiesAndChecksTheAdapterScalesOfARequest() {
        Map<String, Float> scales = new HashMap<>(Map.of("pirate", 0.5f));
        ChatRequest request = new ChatRequest(List.of(ChatTurn.user("hi")), GREEDY, scales);

        scales.put("ninja", 1f);

        assertThat(request.adapterScales()).containsExactly(Map.entry("pirate", 0.5f));
        assertThatThrownBy(() -> new ChatRequest(List.of(ChatTurn.user("hi")), GREEDY, Map.of("pirate", 10.5f)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adapter 'pirate'");
    }

    @Test
    void modelsThatDoNotTrackStreams_reportNoBusySlots() {
        ChatModel untracked = new ChatModel() {
            @Override
            public ReplyStream stream(ChatRequest request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int contextSize() {
                return 16;
            }

            @Override
            public int parallelSlots() {
                return 1;
            }

            @Override
            public int countTokens(String text) {
                return 0;
            }

            @Override
            public void close() {}
        };

        assertThat(untracked.busySlots()).isZero();
    }
}
