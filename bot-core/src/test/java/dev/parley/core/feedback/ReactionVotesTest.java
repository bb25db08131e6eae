package dev.parley.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReactionVotesTest {

    private static final Location CHAT = new Location(Platform.TELEGRAM, "-100", "-100", null);
    private static final ScopeKey SCOPE = ScopeKey.of(CHAT);
    private static final Instant AT = Instant.parse("2026-12-06T09:00:00Z");

    private final FakeClock clock = new FakeClock(AT);
    private final InMemoryFeedbackConsent consent = new InMemoryFeedbackConsent();
    private final InMemoryFeedbackLog log = new InMemoryFeedbackLog();
    private final ReactionVotes votes = new ReactionVotes(consent, log, clock);
    private long exchange;

    @BeforeEach
    void recordOneAnswer() {
        consent.setEnabled(SCOPE, true, "admin", AT);
        exchange = log.record(new Exchange(Platform.TELEGRAM, "-100", "-100", "-100", "42", "77", "Be kind.", "hi",
                "hello", new ModelNames("tiny.gguf", ""), "", AT));
    }

    private ReactionVotes.Result react(String messageId, String voter, List<String> before, List<String> after) {
        return votes.reacted(Reaction.changed(CHAT, messageId, voter, false, before, after));
    }

    @Test
    void reacted_aThumbOnARecordedAnswerIsStoredReplacedAndDeleted() {
        assertThat(react("77", "43", List.of(), List.of("👍"))).isEqualTo(ReactionVotes.Result.STORED);
        assertThat(log.voteOf(exchange, "43")).contains(Vote.UP);

        assertThat(react("77", "43", List.of("👍"), List.of("👎"))).isEqualTo(ReactionVotes.Result.STORED);
        assertThat(log.voteOf(exchange, "43")).contains(Vote.DOWN);

        assertThat(react("77", "43", List.of("👎"), List.of())).isEqualTo(ReactionVotes.Result.DELETED);
        assertThat(log.voteOf(exchange, "43")).isEmpty();
    }

    @Test
    void reacted_reactionsOnOtherMessagesAndOtherEmojiAreIgnored() {
        assertThat(react("78", "43", List.of(), List.of("👍"))).isEqualTo(ReactionVotes.Result.IGNORED);
        assertThat(react("77", "43", List.of(), List.of("🔥"))).isEqualTo(ReactionVotes.Result.IGNORED);
        assertThat(log.summary(SCOPE)).isEqualTo(new FeedbackSummary(1, 0, 0));
    }

    @Test
    void reacted_nothingIsStoredWhereFeedbackIsOffOrForAnOptedOutOrBotVoter() {
        consent.optOut(SCOPE, "44", AT);
        assertThat(react("77", "44", List.of(), List.of("👍"))).isEqualTo(ReactionVotes.Result.IGNORED);
        assertThat(votes.reacted(Reaction.added(CHAT, "77", "7000", true, "👍"))).isEqualTo(ReactionVotes.Result.IGNORED);

        consent.setEnabled(SCOPE, false, "admin", AT);
        assertThat(react("77", "43", List.of(), List.of("👍"))).isEqualTo(ReactionVotes.Result.IGNORED);
        assertThat(log.summary(SCOPE)).isEqualTo(new FeedbackSummary(1, 0, 0));
    }

    @Test
    void reacted_aStoreThatFailsIgnoresTheReaction() {
        var broken = new ReactionVotes(consent, new BrokenFeedbackLog(), clock);

        assertThat(broken.reacted(Reaction.added(CHAT, "77", "43", false, "👍"))).isEqualTo(ReactionVotes.Result.IGNORED);
    }
}
