package dev.parley.core.modelswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ReplyStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SwappableChatModelTest {

    private static final ChatRequest REQUEST = new ChatRequest(List.of(ChatTurn.user("hi")), new GenerationSettings(4, 0f, 1));

    private final ScriptedModel a = new ScriptedModel("A");
    private final ScriptedModel b = new ScriptedModel("B");
    private final SwappableChatModel model = new SwappableChatModel(a);

    @Test
    void switchTo_replyRunning_finishesOnTheOldModelWhichClosesAfterIt() {
        ReplyStream running = model.stream(REQUEST);

        model.switchTo(b);

        assertThat(a.closed).isFalse();
        assertThat(model.retiringModels()).isEqualTo(1);
        assertThat(running.rest()).isEqualTo("A!");
        running.close();
        assertThat(a.closed).isTrue();
        assertThat(model.retiringModels()).isZero();
        try (ReplyStream next = model.stream(REQUEST)) {
            assertThat(next.rest()).isEqualTo("B!");
        }
    }

    @Test
    void switchTo_nothingRunning_closesTheOldModelAtOnce() {
        model.switchTo(b);

        assertThat(a.closed).isTrue();
        assertThat(model.serving()).isSameAs(b);
    }

    @Test
    void busySlots_countsTheOldModelsRepliesUntilTheyEnd() {
        ReplyStream onA = model.stream(REQUEST);
        model.switchTo(b);
        ReplyStream onB = model.stream(REQUEST);

        assertThat(model.busySlots()).isEqualTo(2);
        onA.close();
        assertThat(model.busySlots()).isEqualTo(1);
        onB.close();
        assertThat(model.busySlots()).isZero();
    }

    @Test
    void whenSlotFrees_hearsTheOldAndTheNewModelAndTheSwitch() {
        var heard = new AtomicInteger();
        model.whenSlotFrees(heard::incrementAndGet);
        ReplyStream onA = model.stream(REQUEST);

        model.switchTo(b);
        onA.close();
        model.stream(REQUEST).close();

        assertThat(heard).hasValue(3);
    }

    @Test
    void stream_failingToStart_doesNotKeepAReplacedModelOpen() {
        a.failsToGenerate = true;
        assertThatThrownBy(() -> model.stream(REQUEST)).hasMessageContaining("NaN");

        model.switchTo(b);

        assertThat(a.closed).isTrue();
    }

    @Test
    void close_closesTheServingAndTheRetiringModels_idempotent() {
        ReplyStream onA = model.stream(REQUEST);
        model.switchTo(b);

        model.close();
        model.close();
        onA.close();

        assertThat(a.closed).isTrue();
        assertThat(b.closed).isTrue();
        assertThatThrownBy(() -> model.stream(REQUEST)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void switchTo_afterClose_closesTheCandidateAndThrows() {
        model.close();

        assertThatThrownBy(() -> model.switchTo(b)).isInstanceOf(IllegalStateException.class);
        assertThat(b.closed).isTrue();
    }

    @Test
    void streamClose_twice_releasesOnce() {
        ReplyStream first = model.stream(REQUEST);
        ReplyStream second = model.stream(REQUEST);
        model.switchTo(b);

        first.close();
        first.close();

        assertThat(a.closed).as("the second reply still runs on A").isFalse();
        second.close();
        assertThat(a.closed).isTrue();
    }
}
