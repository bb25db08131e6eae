package dev.parley.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.ratelimit.SendResult;
import dev.parley.core.reply.RecordingMessages.Call;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class StreamedReplyTest {

    private static final Duration PACE = Duration.ofSeconds(1);
    private static final int MAX_CHARS = 64;

    private final RecordingMessages platform = new RecordingMessages();
    private final PacedLine line = new PacedLine(PACE);
    private final StreamedReply reply = new StreamedReply(platform, new ReplySplitter(MAX_CHARS), line, 3);

    @Test
    void show_streamingTextIsFoldedIntoOneCallPerTurnOfThePace() {
        reply.show("Once");
        reply.show("Once upon");
        reply.show("Once upon a time");
        assertThat(line.waiting()).as("one step waits, whatever the stream sends").isEqualTo(1);

        line.advance(Duration.ZERO);
        reply.show("Once upon a time there");
        reply.show("Once upon a time there was");
        line.advance(Duration.ofMillis(999));
        assertThat(platform.calls()).as("no edit before the pace allows")
                .containsExactly(new Call("post-answering", "", "Once upon a time"));

        line.advance(Duration.ofMillis(1));
        reply.show("Once upon a time there was a bot.");
        line.drain();

        assertThat(platform.calls()).containsExactly(
                new Call("post-answering", "", "Once upon a time"),
                new Call("edit", "100", "Once upon a time there was"),
                new Call("edit", "100", "Once upon a time there was a bot."));
        assertThat(reply.shownBy()).containsExactly("100");
    }

    @Test
    void show_aLongReplyContinuesInFurtherMessagesOfAtMostTheLimit() {
        String text = sentences(8);

        reply.show(text);
        line.drain();

        List<String> shown = platform.chatTexts();
        assertThat(shown).hasSizeGreaterThan(2).allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(MAX_CHARS));
        assertThat(String.join(" ", shown)).isEqualTo(text);
        assertThat(platform.calls()).first().extracting(Call::kind).isEqualTo("post-answering");
        assertThat(platform.calls().subList(1, platform.calls().size())).extracting(Call::kind).containsOnly("post");
        assertThat(reply.shownBy()).containsExactly("100", "101", "102", "103").hasSize(shown.size());
    }

    @Test
    void show_aGrowingLongReplyKeepsItsEarlierMessagesAndEditsOnlyTheLast() {
        reply.show(sentences(3));
        line.drain();
        int before = platform.calls().size();

        reply.show(sentences(4));
        line.drain();

        assertThat(platform.calls().subList(before, platform.calls().size())).isNotEmpty().allSatisfy(call -> assertThat(call.id()).isNotEqualTo("100"));
        assertThat(String.join(" ", platform.chatTexts())).isEqualTo(sentences(4));
    }

    @Test
    void withdraw_replacesTheFirstMessageByTheNoticeAndDeletesTheOthersLastFirst() {
        reply.show(sentences(8));
        line.drain();
        assertThat(reply.shownBy()).hasSize(4);

        reply.withdraw("This answer was withheld.");
        line.drain();

        assertThat(platform.chatTexts()).containsExactly("This answer was withheld.");
        assertThat(platform.calls()).filteredOn(call -> !call.kind().startsWith("post")).containsExactly(
                new Call("edit", "100", "This answer was withheld."),
                new Call("delete", "103", ""), new Call("delete", "102", ""), new Call("delete", "101", ""));
        assertThat(reply.shownBy()).as("a withdrawn reply shows no answer").isEmpty();
        assertThat(reply.delivered()).isCompleted();
    }

    @Test
    void withdraw_beforeAnythingWasShownPostsTheNoticeAsTheAnswer() {
        reply.withdraw("This answer was withheld.");
        line.drain();

        assertThat(platform.calls()).containsExactly(new Call("post-answering", "", "This answer was withheld."));
        assertThat(reply.shownBy()).isEmpty();
    }

    @Test
    void show_afterAWithdrawalAnswersAnEditedQuestionInTheSameMessages() {
        reply.show("The first answer");
        line.drain();
        reply.withdraw("Your edited message was blocked.");
        reply.show("The answer to the edit");
        line.drain();

        assertThat(platform.chatTexts()).containsExactly("The answer to the edit");
        assertThat(reply.shownBy()).containsExactly("100");
    }

    @Test
    void show_aRefusedPostGivesTheReplyUpAndItCountsAsDelivered() {
        platform.answerNext(new SendResult.Failed("unknown channel"));

        reply.show("Hello");
        CompletionStage<Void> delivered = reply.delivered();
        line.drain();
        reply.show("Hello there");

        assertThat(delivered).isCompleted();
        assertThat(line.waiting()).as("nothing more is tried").isZero();
        assertThat(platform.calls()).hasSize(1);
        assertThat(reply.shownBy()).isEmpty();
    }

    @Test
    void show_aRefusedEditStopsTheReplyWithWhatItShows() {
        reply.show("Hello");
        line.drain();
        platform.answerNext(new SendResult.Failed("unknown message"));

        reply.show("Hello there");
        line.drain();
        reply.show("Hello there, friend");

        assertThat(reply.delivered()).isCompleted();
        assertThat(line.results()).last().isInstanceOf(SendResult.Failed.class);
        assertThat(platform.calls()).extracting(Call::kind).containsExactly("post-answering", "edit");
        assertThat(reply.shownBy()).containsExactly("100");
    }

    @Test
    void show_aCallThatThrowsCountsAsARefusal() {
        platform.answerNext(new IllegalStateException("connection closed"));

        reply.show("Hello");
        line.drain();

        assertThat(line.results()).singleElement().isEqualTo(new SendResult.Failed("connection closed"));
        assertThat(reply.delivered()).isCompleted();
    }

    @Test
    void show_pausesAreWaitedOutAndTheSameStepRunsAgain() {
        SendResult.RetryAfter pause = new SendResult.RetryAfter(Duration.ofSeconds(5), false);
        platform.answerNext(pause).answerNext(pause).answerNext(pause);

        reply.show("Hello");
        CompletionStage<Void> delivered = reply.delivered();
        line.advance(Duration.ofSeconds(14));
        assertThat(delivered).as("still waiting out the third pause").isNotDone();
        line.advance(Duration.ofSeconds(1));

        assertThat(delivered).isCompleted();
        assertThat(platform.chatTexts()).containsExactly("Hello");
        assertThat(platform.calls()).hasSize(4);
    }

    @Test
    void show_morePausesInARowThanAllowedGiveTheReplyUp() {
        SendResult.RetryAfter pause = new SendResult.RetryAfter(Duration.ofSeconds(1), false);
        platform.answerNext(pause).answerNext(pause).answerNext(pause).answerNext(pause);

        reply.show("Hello");
        line.drain();

        assertThat(line.results()).last().isEqualTo(new SendResult.Failed("gave up after 3 retries"));
        assertThat(platform.chatTexts()).isEmpty();
        assertThat(reply.delivered()).isCompleted();
    }

    @Test
    void delivered_completesOnlyOnceTheLastPieceIsOut() {
        reply.show("Hello");
        line.drain();
        reply.show("Hello there");
        CompletionStage<Void> delivered = reply.delivered();
        assertThat(delivered).isNotDone();

        line.drain();

        assertThat(delivered).isCompleted();
        assertThat(reply.delivered()).as("settled: at once").isCompleted();
    }

    @Test
    void tell_postsNoticesApartFromTheReplyAndCountsARefusedOneAsOut() {
        platform.answerNext(new SendResult.Failed("no permission")); // for the first notice
        reply.tell("You are 2nd in line.");
        reply.tell(sentences(3));
        CompletionStage<Void> delivered = reply.delivered();

        line.drain();

        assertThat(delivered).isCompleted();
        assertThat(platform.calls()).extracting(Call::kind).containsOnly("notice").hasSize(3);
        assertThat(String.join(" ", platform.notices())).isEqualTo(sentences(3));
        assertThat(reply.hasReply()).isFalse();
        assertThat(reply.shownBy()).isEmpty();
    }

    @Test
    void tell_aPausedNoticeRunsAgain() {
        platform.answerNext(new SendResult.RetryAfter(Duration.ofSeconds(2), false));

        reply.tell("Stopped.");
        line.drain();

        assertThat(platform.notices()).containsExactly("Stopped.");
        assertThat(reply.delivered()).isCompleted();
    }

    @Test
    void hasReply_onceTheReplyIsToBeShown() {
        assertThat(reply.hasReply()).isFalse();
        reply.show("Hi");
        assertThat(reply.hasReply()).isTrue();
    }

    @Test
    void constructor_refusesANegativeNumberOfPauses() {
        assertThatThrownBy(() -> new StreamedReply(platform, new ReplySplitter(MAX_CHARS), line, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }

    /** {@code count} sentences of 30 characters. */
    private static String sentences(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append("This is sentence number ").append(i).append(" ok.");
        }
        return text.toString();
    }
}
