package dev.parley.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConversationMemoryTest {

    /** One token per word, so every budget in these tests can be counted by eye. */
    private static final TokenCounter WORDS = text -> text.isBlank() ? 0 : text.strip().split("\\s+").length;

    private static final ConversationKey KEY = key("general");
    private static final String SYSTEM = "be kind"; // 2 tokens

    private final FakeClock ticker = new FakeClock();

    private ConversationMemory memory(int maxTurns, int overhead) {
        return new ConversationMemory(WORDS, new MemoryLimits(100, Duration.ofMinutes(10), maxTurns, overhead), ticker);
    }

    private final ConversationMemory memory = memory(20, 0);

    private static ConversationKey key(String channel) {
        return new ConversationKey(new Location(Platform.DISCORD, "guild", channel, null), null);
    }

    /** Remembers u1/a1 .. un/an, each turn two tokens. */
    private static void rememberExchanges(ConversationMemory memory, ConversationKey key, int count) {
        for (int i = 1; i <= count; i++) {
            memory.remember(key, "question " + i, "answer " + i);
        }
    }

    @Test
    void buildsAPromptOfSystemPromptHistoryAndNewMessageInOrder() {
        rememberExchanges(memory, KEY, 1);

        Prompt prompt = memory.promptFor(KEY, SYSTEM, "what now", 100);

        assertThat(prompt.turns()).containsExactly(
                ChatTurn.system(SYSTEM),
                ChatTurn.user("question 1"),
                ChatTurn.assistant("answer 1"),
                ChatTurn.user("what now"));
        assertThat(prompt.tokens()).isEqualTo(2 + 2 + 2 + 2);
        assertThat(prompt.droppedTurns()).isZero();
    }

    @Test
    void dropsOldestTurnsFirstWhenBudgetIsExceeded() {
        rememberExchanges(memory, KEY, 3); // six turns of two tokens

        // system 2 + new 2 + room for exactly four turns of two tokens
        Prompt prompt = memory.promptFor(KEY, SYSTEM, "what now", 12);

        assertThat(prompt.turns()).containsExactly(
                ChatTurn.system(SYSTEM),
                ChatTurn.user("question 2"),
                ChatTurn.assistant("answer 2"),
                ChatTurn.user("question 3"),
                ChatTurn.assistant("answer 3"),
                ChatTurn.user("what now"));
        assertThat(prompt.tokens()).isEqualTo(12);
        assertThat(prompt.droppedTurns()).isEqualTo(2);
    }

    @Test
    void neverStartsTheHistoryWithAnAssistantTurn() {
        rememberExchanges(memory, KEY, 2);

        // room for three turns: answer 2, question 2, answer 1; "answer 1" would lack its question
        Prompt prompt = memory.promptFor(KEY, SYSTEM, "what now", 10);

        assertThat(prompt.turns()).containsExactly(
                ChatTurn.system(SYSTEM),
                ChatTurn.user("question 2"),
                ChatTurn.assistant("answer 2"),
                ChatTurn.user("what now"));
        assertThat(prompt.tokens()).isEqualTo(8);
        assertThat(prompt.droppedTurns()).isEqualTo(2);
    }

    @Test
    void leavesOutAnAnswerWhoseQuestionDoesNotFit() {
        memory.remember(KEY, "a very long question indeed", "ok");

        Prompt prompt = memory.promptFor(KEY, SYSTEM, "what now", 5);

        assertThat(prompt.turns()).containsExactly(ChatTurn.system(SYSTEM), ChatTurn.user("what now"));
        assertThat(prompt.tokens()).isEqualTo(4);
        assertThat(prompt.droppedTurns()).isEqualTo(2);
    }

    @Test
    void alwaysKeepsTheSystemPromptAndTheNewMessageEvenWithNoRoomForHistory() {
        rememberExchanges(memory, KEY, 3);

        Prompt prompt = memory.promptFor(KEY, SYSTEM, "what now", 4);

        assertThat(prompt.turns()).containsExactly(ChatTurn.system(SYSTEM), ChatTurn.user("what now"));
        assertThat(prompt.droppedTurns()).isEqualTo(6);
    }

    @Test
    void acceptsAMessageThatFillsTheBudgetExactly() {
        Prompt prompt = memory.promptFor(KEY, SYSTEM, "one two three", 5);

        assertThat(prompt.tokens()).isEqualTo(5);
    }

    @Test
    void throwsMessageTooLongWhenTheMessageAloneExceedsTheBudget() {
        rememberExchanges(memory, KEY, 1);

        assertThatThrownBy(() -> memory.promptFor(KEY, SYSTEM, "one two three four", 5))
                .isInstanceOfSatisfying(MessageTooLongException.class, e -> {
                    assertThat(e.tokens()).isEqualTo(6);
                    assertThat(e.budget()).isEqualTo(5);
                });
    }

    @Test
    void countsTheTemplateOverheadOfEveryTurn() {
        ConversationMemory withOverhead = memory(20, 3);
        rememberExchanges(withOverhead, KEY, 2); // each turn 2 + 3 = 5

        // system 5 + new 5 + room for two turns of 5, not three
        Prompt prompt = withOverhead.promptFor(KEY, SYSTEM, "what now", 24);

        assertThat(prompt.turns()).hasSize(4);
        assertThat(prompt.tokens()).isEqualTo(20);
        assertThat(prompt.droppedTurns()).isEqualTo(2);
        assertThatThrownBy(() -> withOverhead.promptFor(KEY, SYSTEM, "what now", 9))
                .isInstanceOf(MessageTooLongException.class);
    }

    @Test
    void keepsAtMostMaxTurnsDroppingTheOldestExchanges() {
        ConversationMemory small = memory(4, 0);

        rememberExchanges(small, KEY, 3);

        assertThat(small.turns(KEY)).containsExactly(
                ChatTurn.user("question 2"),
                ChatTurn.assistant("answer 2"),
                ChatTurn.user("question 3"),
                ChatTurn.assistant("answer 3"));
    }

    @Test
    void dropsWholeExchangesWhenMaxTurnsIsOdd() {
        ConversationMemory odd = memory(3, 0);

        rememberExchanges(odd, KEY, 2);

        assertThat(odd.turns(KEY)).containsExactly(ChatTurn.user("question 2"), ChatTurn.assistant("answer 2"));
    }

    @Test
    void forgetsAConversationOnRequest() {
        rememberExchanges(memory, KEY, 2);

        memory.forget(KEY);

        assertThat(memory.turns(KEY)).isEmpty();
        assertThat(memory.promptFor(KEY, SYSTEM, "hi", 100).turns()).hasSize(2);
    }

    @Test
    void forgetsAConversationNobodyContinuedForTheIdleTimeout() {
        rememberExchanges(memory, KEY, 1);

        ticker.advance(Duration.ofMinutes(10).plusSeconds(1));

        assertThat(memory.turns(KEY)).isEmpty();
        assertThat(memory.size()).isZero();
    }

    @Test
    void keepsAConversationThatIsContinuedWithinTheIdleTimeout() {
        rememberExchanges(memory, KEY, 1);

        ticker.advance(Duration.ofMinutes(9));
        memory.promptFor(KEY, SYSTEM, "still there?", 100);
        ticker.advance(Duration.ofMinutes(9));

        assertThat(memory.turns(KEY)).hasSize(2);
    }

    @Test
    void keepsConversationsApart() {
        ConversationKey other = key("random");
        ConversationKey thread = new ConversationKey(new Location(Platform.DISCORD, "guild", "general", "t1"), "t1");
        memory.remember(KEY, "in general", "yes");

        assertThat(memory.turns(other)).isEmpty();
        assertThat(memory.turns(thread)).isEmpty();
        assertThat(memory.promptFor(other, SYSTEM, "hi", 100).turns()).hasSize(2);

        memory.remember(other, "in random", "sure");
        memory.forget(other);

        assertThat(memory.turns(KEY)).containsExactly(ChatTurn.user("in general"), ChatTurn.assistant("yes"));
    }

    @Test
    void remembersAtMostMaxConversations() {
        ConversationMemory two = new ConversationMemory(WORDS, new MemoryLimits(2, Duration.ofMinutes(10), 20, 0), ticker);

        for (String channel : new String[] {"a", "b", "c", "d"}) {
            two.remember(key(channel), "q", "a");
        }

        assertThat(two.size()).isEqualTo(2);
    }

    @Test
    void rejectsLimitsThatCannotHoldOneExchange() {
        assertThatThrownBy(() -> new MemoryLimits(1, Duration.ofMinutes(1), 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MemoryLimits(0, Duration.ofMinutes(1), 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MemoryLimits(1, Duration.ZERO, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MemoryLimits(1, Duration.ofMinutes(1), 2, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void promptAgain_leavesOutTheExchangeBeingAnsweredAgainAndWhatFollowed() {
        memory.remember(KEY, "first question", "first answer");
        memory.remember(KEY, "second question", "second answer");
        memory.remember(KEY, "third question", "third answer");

        Prompt again = memory.promptAgain(KEY, SYSTEM, "second question", "second answer", 100);

        assertThat(again.turns()).extracting(ChatTurn::text)
                .containsExactly(SYSTEM, "first question", "first answer", "second question");
    }

    @Test
    void promptAgain_ofAnExchangeNoLongerRemembered_usesWhatIsRemembered() {
        memory.remember(KEY, "first question", "first answer");

        Prompt again = memory.promptAgain(KEY, SYSTEM, "gone question", "gone answer", 100);

        assertThat(again.turns()).extracting(ChatTurn::text)
                .containsExactly(SYSTEM, "first question", "first answer", "gone question");
    }

    @Test
    void rememberInstead_replacesTheAnswerInPlace_orRemembersANewExchange() {
        memory.remember(KEY, "first question", "first answer");
        memory.remember(KEY, "second question", "second answer");

        memory.rememberInstead(KEY, "alice", "first question", "first answer", "better answer");
        memory.rememberInstead(KEY, "alice", "gone question", "gone answer", "new answer");

        assertThat(memory.turns(KEY)).extracting(ChatTurn::text).containsExactly("first question", "better answer",
                "second question", "second answer", "gone question", "new answer");
    }
}
