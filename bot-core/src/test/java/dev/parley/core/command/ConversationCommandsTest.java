package dev.parley.core.command;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueSettings;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConversationCommandsTest {

    private final FakeClock clock = new FakeClock();
    private final ConversationMemory memory = new ConversationMemory(text -> 1,
            new MemoryLimits(10, Duration.ofHours(1), 10, 0), clock);

    @Test
    void reset_forgetsTheConversation() {
        InboundMessage message = mention(ALICE, "/reset");
        memory.remember(message.conversationKey(), "hello", "hi");

        assertThat(new ConversationCommands(memory, null).reset(message))
                .isEqualTo("Forgotten: this conversation starts afresh.");
        assertThat(memory.turns(message.conversationKey())).isEmpty();
    }

    @Test
    void stop_withoutAQueue_saysThereIsNothingToStop() {
        assertThat(new ConversationCommands(memory, null).stop(mention(ALICE, "/stop")))
                .isEqualTo("There is nothing to stop here.");
    }

    @Test
    void stop_withNothingWaiting_saysSo() {
        try (InferenceQueue queue = new InferenceQueue(new QueueSettings(1, 10, 5, Duration.ofMinutes(5)), clock)) {
            assertThat(new ConversationCommands(memory, queue).stop(mention(ALICE, "/stop")))
                    .isEqualTo("You have no question waiting or being answered here.");
        }
    }
}
