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
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RegenerableAnswersTest {

    private final FakeClock clock = new FakeClock();
    private final RegenerableAnswers answers = new RegenerableAnswers(clock);
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final InboundMessage question = mention(ALICE, "a city?");

    RegenerableAnswersTest() {
        answers.display(Platform.DISCORD, new AnswerButtons() {
            @Override
            public void offer(Location where, String messageId) {
                calls.add("offer " + messageId);
            }

            @Override
            public void remove(Location where, List<String> messageIds) {
                calls.add("remove " + messageIds);
            }
        });
    }

    private void shown(List<String> ids, Regeneration replacing) {
        answers.shown(question, "Paris.", CompletableFuture.completedFuture(ids),
                CompletableFuture.completedFuture(OptionalLong.of(7)), replacing);
    }

    @Test
    void shown_offersTheButtonOnTheAnswersLastMessage() {
        shown(List.of("m1", "m2"), null);

        assertThat(calls).containsExactly("offer m2");
        assertThat(answers.claim(GENERAL, "m1", "alice")).isInstanceOf(Claim.Refused.class);
        assertThat(answers.claim(GENERAL, "m2", "alice")).isInstanceOfSatisfying(Claim.Granted.class,
                granted -> assertThat(granted.regeneration().replaced().shownBy()).containsExactly("m1", "m2"));
    }

    @Test
    void shown_onAPlatformWithoutButtons_offersNothing() {
        InboundMessage onTelegram = new InboundMessage("t1", new Location(Platform.TELEGRAM, "-1", "-1", null), ALICE,
                "hi", null, true, false, clock.instant());
        answers.shown(onTelegram, "Hello.", CompletableFuture.completedFuture(List.of("5")),
                CompletableFuture.completedFuture(OptionalLong.empty()), null);

        assertThat(calls).isEmpty();
        assertThat(answers.claim(onTelegram.location(), "5", "alice")).isInstanceOf(Claim.Refused.class);
    }

    @Test
    void claim_isTheAskersOnceAtATime_untilReleased() {
        shown(List.of("m1"), null);

        assertThat(answers.claim(GENERAL, "m1", "bob")).isEqualTo(new Claim.Refused(RegenerableAnswers.NOT_YOURS));
        Claim first = answers.claim(GENERAL, "m1", "alice");
        assertThat(first).isInstanceOf(Claim.Granted.class);
        assertThat(answers.claim(GENERAL, "m1", "alice")).isEqualTo(new Claim.Refused(RegenerableAnswers.BUSY));

        answers.release(((Claim.Granted) first).regeneration());
        assertThat(answers.claim(GENERAL, "m1", "alice")).isInstanceOf(Claim.Granted.class);
    }

    @Test
    void shown_ofARegeneration_movesTheButtonAndRemovesTheReplacedAnswer() {
        shown(List.of("m1"), null);
        Regeneration again = ((Claim.Granted) answers.claim(GENERAL, "m1", "alice")).regeneration();

        shown(List.of("m2"), again);

        assertThat(calls).containsExactly("offer m1", "offer m2", "remove [m1]");
        assertThat(answers.claim(GENERAL, "m1", "alice")).isEqualTo(new Claim.Refused(RegenerableAnswers.GONE));
        assertThat(answers.claim(GENERAL, "m2", "alice")).isInstanceOf(Claim.Granted.class);
    }

    @Test
    void shown_ofARegenerationShownByNothing_leavesTheOldAnswerPressable() {
        shown(List.of("m1"), null);
        Regeneration again = ((Claim.Granted) answers.claim(GENERAL, "m1", "alice")).regeneration();

        shown(List.of(), again);

        assertThat(calls).containsExactly("offer m1");
        assertThat(answers.claim(GENERAL, "m1", "alice")).isInstanceOf(Claim.Granted.class);
    }

    @Test
    void claim_afterKeptFor_isRefusedAsGone() {
        shown(List.of("m1"), null);

        clock.advance(RegenerableAnswers.KEPT_FOR.plus(Duration.ofSeconds(1)));

        assertThat(answers.claim(GENERAL, "m1", "alice")).isEqualTo(new Claim.Refused(RegenerableAnswers.GONE));
    }
}
