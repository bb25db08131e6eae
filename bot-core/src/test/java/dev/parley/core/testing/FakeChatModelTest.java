package dev.parley.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeChatModelTest {

    private static final ChatRequest HELLO = new ChatRequest(List.of(ChatTurn.user("hello there")),
            new GenerationSettings(8, 0f, 1));

    @Test
    void oneWord_repliesOkOnceAndCountsCharacters() {
        try (ChatModel model = FakeChatModel.oneWord()) {
            assertThat(model.stream(HELLO).rest()).isEqualTo("ok");
            assertThat(model.stream(HELLO).next()).as("each request gets its own reply").isEqualTo("ok");
            assertThat(model.countTokens("hello there")).isEqualTo(11);
            assertThat(model.contextSize()).isEqualTo(256);
            assertThat(model.parallelSlots()).isEqualTo(1);
        }
    }

    @Test
    void saying_givesThePiecesInOrderThenTheEnd() {
        var stream = FakeChatModel.saying(List.of("a", "b"));

        assertThat(stream.next()).isEqualTo("a");
        assertThat(stream.next()).isEqualTo("b");
        assertThat(stream.next()).isNull();
        assertThat(stream.next()).isNull();
    }

    @Test
    void aScriptedModel_repliesFromTheRequestAndCountsWords() {
        var model = new FakeChatModel(1000, FakeChatModel.WORDS,
                request -> FakeChatModel.saying(List.of("echo:", request.turns().getLast().text())));

        assertThat(model.stream(HELLO).rest()).isEqualTo("echo:hello there");
        assertThat(model.countTokens("hello there")).isEqualTo(2);
        assertThat(model.contextSize()).isEqualTo(1000);
    }
}
