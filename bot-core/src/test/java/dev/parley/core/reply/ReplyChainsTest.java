package dev.parley.core.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplyChainsTest {

    private final ReplyChains chains = new ReplyChains(new ReplyCaches(1_000, Duration.ofDays(1), 10, Duration.ofMinutes(1)));

    @Test
    void rootOf_aMessageNeverSeen_isItsOwnRoot() {
        assertThat(chains.rootOf("42")).isEqualTo("42");
        assertThat(chains.isFromBot("42")).isFalse();
        assertThat(chains.isFromBot(null)).isFalse();
    }

    @Test
    void rootOf_followsTheChainThroughTheBotsReplies() {
        chains.remember("question", "question", false);
        chains.remember("answer", "question", true);
        chains.remember("follow-up", chains.rootOf("answer"), false);

        assertThat(chains.rootOf("follow-up")).isEqualTo("question");
        assertThat(chains.isFromBot("answer")).isTrue();
        assertThat(chains.isFromBot("follow-up")).isFalse();
    }

    @Test
    void join_aMessageReplyingToNothingStartsAChain_aReplyJoinsTheChainItAnswers() {
        assertThat(chains.join("question", null)).isEqualTo("question");
        chains.remember("answer", "question", true);

        assertThat(chains.join("follow-up", "answer")).isEqualTo("question");
        assertThat(chains.rootOf("follow-up")).isEqualTo("question");
        assertThat(chains.isFromBot("follow-up")).isFalse();
    }

    @Test
    void join_aReplyToAForgottenMessageRootsANewChainAtThatMessage() {
        assertThat(chains.join("reply", "forgotten")).isEqualTo("forgotten");
    }
}
