package dev.parley.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.conversation.Platform;
import dev.parley.core.conversation.Prompt;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationHistoryTest {

    private static final Location GENERAL = new Location(Platform.DISCORD, "guild-1", "general", null);
    private static final ScopeKey SCOPE = ScopeKey.of(GENERAL);
    private static final ConversationKey CONVERSATION = new ConversationKey(GENERAL, null);
    private static final ConversationKey THREAD = new ConversationKey(
            new Location(Platform.DISCORD, "guild-1", "general", "thread-9"), null);
    private static final ConversationKey SAME_CHANNEL_ID_ELSEWHERE = new ConversationKey(
            new Location(Platform.DISCORD, "guild-2", "general", null), null);
    private static final Duration IDLE = Duration.ofMinutes(10);

    private final FakeClock clock = new FakeClock();
    private final InMemoryConversationArchive archive = new InMemoryConversationArchive();
    private final ConversationHistory history = new ConversationHistory(archive, Duration.ofDays(30), clock);

    /** A memory as after a restart: empty, reading the same archive. */
    private ConversationMemory newMemory(int maxTurns) {
        return new ConversationMemory(text -> text.split(" ").length, new MemoryLimits(100, IDLE, maxTurns, 0), clock,
                history);
    }

    private ConversationMemory newMemory() {
        return newMemory(20);
    }

    @Test
    void aConversationInAScopeThatOptedInContinuesInANewMemory() {
        history.turnOn(SCOPE);
        newMemory().remember(CONVERSATION, "my name is Ada", "hello Ada");

        Prompt prompt = newMemory().promptFor(CONVERSATION, "be kind", "what is my name", 100);

        assertThat(prompt.turns()).containsExactly(ChatTurn.system("be kind"), ChatTurn.user("my name is Ada"),
                ChatTurn.assistant("hello Ada"), ChatTurn.user("what is my name"));
    }

    @Test
    void aRecalledConversationGoesOnInMemoryWithTheNextExchangeAfterItsStoredOnes() {
        history.turnOn(SCOPE);
        newMemory().remember(CONVERSATION, "q1", "a1");
        ConversationMemory restarted = newMemory();

        restarted.remember(CONVERSATION, "q2", "a2");

        List<ChatTurn> expected = List.of(ChatTurn.user("q1"), ChatTurn.assistant("a1"), ChatTurn.user("q2"),
                ChatTurn.assistant("a2"));
        assertThat(restarted.turns(CONVERSATION)).isEqualTo(expected);
        assertThat(newMemory().turns(CONVERSATION)).isEqualTo(expected);
    }

    @Test
    void aScopeThatDidNotOptInHasNothingStoredAndARestartForgets() {
        newMemory().remember(CONVERSATION, "my name is Ada", "hello Ada");

        assertThat(archive.latest(CONVERSATION, 10, Instant.EPOCH)).isEmpty();
        assertThat(newMemory().turns(CONVERSATION)).isEmpty();
        assertThat(newMemory().size()).isZero();
    }

    @Test
    void anotherScopeOrConversationNeverRecallsThisOnesTurns() {
        history.turnOn(SCOPE);
        history.turnOn(ScopeKey.of(SAME_CHANNEL_ID_ELSEWHERE.location()));
        newMemory().remember(CONVERSATION, "secret plan", "noted");

        ConversationMemory restarted = newMemory();
        assertThat(restarted.turns(SAME_CHANNEL_ID_ELSEWHERE)).isEmpty();
        assertThat(restarted.turns(THREAD)).isEmpty();
        assertThat(restarted.turns(CONVERSATION)).hasSize(2);
    }

    @Test
    void anEvictedConversationIsRecalledFromTheArchive() {
        history.turnOn(SCOPE);
        ConversationMemory memory = newMemory();
        memory.remember(CONVERSATION, "q1", "a1");

        clock.advance(IDLE.plusMinutes(1)); // idle past the memory's timeout: evicted from memory

        assertThat(memory.turns(CONVERSATION)).containsExactly(ChatTurn.user("q1"), ChatTurn.assistant("a1"));
    }

    @Test
    void recallKeepsTheMemorysLimitOfTurnsTakingTheLatestExchanges() {
        history.turnOn(SCOPE);
        ConversationMemory memory = newMemory(4);
        for (int i = 1; i <= 5; i++) {
            memory.remember(CONVERSATION, "q" + i, "a" + i);
        }

        assertThat(newMemory(4).turns(CONVERSATION)).containsExactly(ChatTurn.user("q4"), ChatTurn.assistant("a4"),
                ChatTurn.user("q5"), ChatTurn.assistant("a5"));
        assertThat(archive.latest(CONVERSATION, 10, Instant.EPOCH)).hasSize(5);
    }

    @Test
    void turningOffDeletesTheScopesStoredExchangesAndStopsStoring() {
        history.turnOn(SCOPE);
        newMemory().remember(CONVERSATION, "q1", "a1");
        newMemory().remember(THREAD, "q2", "a2");
        history.turnOn(ScopeKey.of(SAME_CHANNEL_ID_ELSEWHERE.location()));
        newMemory().remember(SAME_CHANNEL_ID_ELSEWHERE, "other", "kept");

        assertThat(history.turnOff(SCOPE)).isEqualTo(2);
        newMemory().remember(CONVERSATION, "q3", "a3");

        assertThat(history.isOn(SCOPE)).isFalse();
        assertThat(archive.latest(CONVERSATION, 10, Instant.EPOCH)).isEmpty();
        assertThat(archive.latest(THREAD, 10, Instant.EPOCH)).isEmpty();
        assertThat(newMemory().turns(SAME_CHANNEL_ID_ELSEWHERE)).hasSize(2);
        assertThat(new ConversationHistory(archive, Duration.ofDays(30), clock).isOn(SCOPE)).isFalse();
    }

    @Test
    void forgettingAConversationDeletesItsStoredTurnsAndNoOtherConversations() {
        history.turnOn(SCOPE);
        ConversationMemory memory = newMemory();
        memory.remember(CONVERSATION, "q1", "a1");
        memory.remember(THREAD, "q2", "a2");

        memory.forget(CONVERSATION);

        assertThat(newMemory().turns(CONVERSATION)).isEmpty();
        assertThat(newMemory().turns(THREAD)).hasSize(2);
    }

    @Test
    void exchangesOlderThanTheRetentionAreNeitherRecalledNorKeptPastTheNextWrite() {
        var shortLived = new ConversationHistory(archive, Duration.ofDays(2), clock);
        shortLived.turnOn(SCOPE);
        var memory = new ConversationMemory(text -> 1, new MemoryLimits(100, IDLE, 20, 0), clock, shortLived);
        memory.remember(CONVERSATION, "old", "old reply");

        clock.advance(Duration.ofDays(2).plusSeconds(1));

        assertThat(shortLived.recall(CONVERSATION, 20)).as("too old to recall, though not purged yet").isEmpty();
        assertThat(archive.latest(CONVERSATION, 10, Instant.EPOCH)).hasSize(1);
        memory.remember(THREAD, "new", "new reply"); // a write purges what expired
        assertThat(archive.latest(CONVERSATION, 10, Instant.EPOCH)).isEmpty();
        assertThat(archive.latest(THREAD, 10, Instant.EPOCH)).hasSize(1);
    }

    @Test
    void purgingRunsAtMostOncePerIntervalAsExchangesAreWritten() {
        var counting = new CountingArchive();
        var counted = new ConversationHistory(counting, Duration.ofDays(30), clock);
        counted.turnOn(SCOPE);

        counted.keep(CONVERSATION, "q1", "a1");
        counted.keep(CONVERSATION, "q2", "a2");
        clock.advance(ConversationHistory.PURGE_INTERVAL);
        counted.keep(CONVERSATION, "q3", "a3");

        assertThat(counting.purges).isEqualTo(2);
    }

    @Test
    void aFailingArchiveLeavesTheConversationToMemory() {
        var failing = new ConversationHistory(new FailingArchive(), Duration.ofDays(30), clock);
        var memory = new ConversationMemory(text -> 1, new MemoryLimits(100, IDLE, 20, 0), clock, failing);

        memory.remember(CONVERSATION, "q1", "a1");

        assertThat(memory.turns(CONVERSATION)).containsExactly(ChatTurn.user("q1"), ChatTurn.assistant("a1"));
        assertThat(failing.recall(THREAD, 20)).isEmpty();
        assertThatThrownBy(() -> failing.turnOff(SCOPE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anExchangeBeingArchivedWhenHistoryIsTurnedOffIsDeletedWithTheRest() throws Exception {
        var appending = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var slow = new ForwardingArchive() {
            @Override
            public void append(ConversationKey c, ArchivedExchange e) {
                appending.countDown();
                try {
                    release.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                super.append(c, e);
            }
        };
        var switched = new ConversationHistory(slow, Duration.ofDays(30), clock);
        switched.turnOn(SCOPE);

        Thread keeping = Thread.ofVirtual().start(() -> switched.keep(CONVERSATION, "q1", "a1"));
        appending.await();
        Thread off = Thread.ofPlatform().start(() -> switched.turnOff(SCOPE));
        while (off.isAlive() && off.getState() != Thread.State.WAITING) {
            Thread.onSpinWait(); // until turning off either finished or waits for the exchange
        }
        release.countDown();
        keeping.join();
        off.join();

        assertThat(slow.latest(CONVERSATION, 10, Instant.EPOCH)).isEmpty();
        assertThat(switched.isOn(SCOPE)).isFalse();
    }

    @Test
    void turningOnTwiceSaysSoTheSecondTime() {
        assertThat(history.turnOn(SCOPE)).isTrue();
        assertThat(history.turnOn(SCOPE)).isFalse();
        assertThat(new ConversationHistory(archive, Duration.ofDays(30), clock).isOn(SCOPE)).isTrue();
    }

    @Test
    void retentionMustBePositive() {
        assertThatThrownBy(() -> new ConversationHistory(archive, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
    }

    /** Counts purges; otherwise the in-memory archive. */
    private static final class CountingArchive extends ForwardingArchive {
        int purges;

        @Override
        public int purgeBefore(Instant cutoff) {
            purges++;
            return super.purgeBefore(cutoff);
        }
    }

    /** Passes everything to an in-memory archive. */
    private static class ForwardingArchive implements ConversationArchive {
        private final InMemoryConversationArchive delegate = new InMemoryConversationArchive();

        @Override public boolean optedIn(ScopeKey scope) { return delegate.optedIn(scope); }
        @Override public void optIn(ScopeKey scope, Instant at) { delegate.optIn(scope, at); }
        @Override public int optOut(ScopeKey scope) { return delegate.optOut(scope); }
        @Override public void append(ConversationKey c, ArchivedExchange e) { delegate.append(c, e); }
        @Override public List<ArchivedExchange> latest(ConversationKey c, int max, Instant notBefore) {
            return delegate.latest(c, max, notBefore);
        }
        @Override public int delete(ConversationKey c) { return delegate.delete(c); }
        @Override public int purgeBefore(Instant cutoff) { return delegate.purgeBefore(cutoff); }
    }

    /** An archive whose database is down: every call fails, after saying the scope opted in. */
    private static final class FailingArchive extends ForwardingArchive {
        @Override public boolean optedIn(ScopeKey scope) { return true; }
        @Override public int optOut(ScopeKey scope) { throw new IllegalStateException("database down"); }
        @Override public void append(ConversationKey c, ArchivedExchange e) { throw new IllegalStateException("database down"); }
        @Override public List<ArchivedExchange> latest(ConversationKey c, int max, Instant notBefore) {
            throw new IllegalStateException("database down");
        }
    }
}
