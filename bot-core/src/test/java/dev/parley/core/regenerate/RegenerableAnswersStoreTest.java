package dev.parley.core.regenerate;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Regenerable answers kept in an {@link AnswerStore}: a restart (a new instance on the same store) still finds them. */
class RegenerableAnswersStoreTest {

    /** The store's contract in memory: answers by button message, with when they were shown. */
    private static class StoredAnswers implements AnswerStore {
        record Row(ShownAnswer answer, Instant shownAt, OptionalLong exchange) {}

        final Map<String, Row> rows = new ConcurrentHashMap<>();

        @Override
        public void save(ShownAnswer answer, Instant shownAt) {
            rows.put(answer.buttonMessage(), new Row(answer, shownAt, OptionalLong.empty()));
        }

        @Override
        public void recorded(Location where, String buttonMessage, long exchangeId) {
            rows.computeIfPresent(buttonMessage, (k, row) -> new Row(row.answer(), row.shownAt(), OptionalLong.of(exchangeId)));
        }

        @Override
        public Optional<ShownAnswer> find(Location where, String buttonMessage, Instant shownSince) {
            return Optional.ofNullable(rows.get(buttonMessage)).filter(row -> !row.shownAt().isBefore(shownSince))
                    .map(row -> new ShownAnswer(row.answer().question(), row.answer().answer(), row.answer().shownBy(),
                            CompletableFuture.completedFuture(row.exchange())));
        }

        @Override
        public void delete(Location where, String buttonMessage) {
            rows.remove(buttonMessage);
        }

        @Override
        public void deleteShownBefore(Instant before, int keepAtMost) {
            rows.values().removeIf(row -> row.shownAt().isBefore(before));
        }
    }

    private final FakeClock clock = new FakeClock();
    private final StoredAnswers store = new StoredAnswers();
    private final InboundMessage question = mention(ALICE, "a city?");

    private RegenerableAnswers started() {
        var answers = new RegenerableAnswers(clock, store, Runnable::run);
        answers.display(Platform.DISCORD, new AnswerButtons() {
            @Override
            public void offer(Location where, String messageId) {}

            @Override
            public void remove(Location where, List<String> messageIds) {}
        });
        return answers;
    }

    @Test
    void claim_afterARestart_findsTheAnswerShownBefore_withItsRecordedExchange() {
        started().shown(question, "Paris.", CompletableFuture.completedFuture(List.of("m1", "m2")),
                CompletableFuture.completedFuture(OptionalLong.of(7)), null);
        clock.advance(Duration.ofHours(23));

        RegenerableAnswers restarted = started();

        assertThat(restarted.claim(GENERAL, "m2", "bob")).isEqualTo(new Claim.Refused(RegenerableAnswers.NOT_YOURS));
        Claim claim = restarted.claim(GENERAL, "m2", "alice");
        assertThat(claim).isInstanceOfSatisfying(Claim.Granted.class, granted -> {
            ShownAnswer replaced = granted.regeneration().replaced();
            assertThat(replaced.question()).isEqualTo(question);
            assertThat(replaced.shownBy()).containsExactly("m1", "m2");
            assertThat(replaced.recorded().toCompletableFuture().join()).hasValue(7);
        });
        assertThat(restarted.claim(GENERAL, "m2", "alice")).as("held again: once at a time")
                .isEqualTo(new Claim.Refused(RegenerableAnswers.BUSY));
    }

    @Test
    void claim_afterARestart_ofAnAnswerShownMoreThanADayAgo_isRefused() {
        started().shown(question, "Paris.", CompletableFuture.completedFuture(List.of("m1")),
                CompletableFuture.completedFuture(OptionalLong.empty()), null);
        clock.advance(RegenerableAnswers.KEPT_FOR.plusSeconds(1));

        assertThat(started().claim(GENERAL, "m1", "alice")).isEqualTo(new Claim.Refused(RegenerableAnswers.GONE));
    }

    @Test
    void shown_ofARegeneration_deletesTheReplacedAnswerFromTheStore() {
        RegenerableAnswers answers = started();
        answers.shown(question, "Paris.", CompletableFuture.completedFuture(List.of("m1")),
                CompletableFuture.completedFuture(OptionalLong.empty()), null);
        Regeneration again = ((Claim.Granted) answers.claim(GENERAL, "m1", "alice")).regeneration();

        answers.shown(question, "Lyon.", CompletableFuture.completedFuture(List.of("m3")),
                CompletableFuture.completedFuture(OptionalLong.empty()), again);

        assertThat(store.rows).containsOnlyKeys("m3");
        assertThat(started().claim(GENERAL, "m1", "alice")).isEqualTo(new Claim.Refused(RegenerableAnswers.GONE));
    }

    @Test
    void aStoreThatFails_costsNobodyTheirAnswer() {
        var answers = new RegenerableAnswers(clock, new StoredAnswers() {
            @Override
            public void save(ShownAnswer answer, Instant shownAt) {
                throw new IllegalStateException("database down");
            }
        }, Runnable::run);
        answers.display(Platform.DISCORD, new AnswerButtons() {
            @Override
            public void offer(Location where, String messageId) {}

            @Override
            public void remove(Location where, List<String> messageIds) {}
        });
        answers.shown(question, "Paris.", CompletableFuture.completedFuture(List.of("m1")),
                CompletableFuture.completedFuture(OptionalLong.empty()), null);

        assertThat(answers.claim(GENERAL, "m1", "alice")).isInstanceOf(Claim.Granted.class);
    }
}
