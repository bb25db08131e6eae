package dev.parley.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.ChatTurn;
import java.util.ArrayList;
import java.util.List;
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
}
