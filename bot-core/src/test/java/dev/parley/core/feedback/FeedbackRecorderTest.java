package dev.parley.core.feedback;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.OTHER_BOT;
import static dev.parley.core.testing.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FeedbackRecorderTest {

    private static final Instant AT = Instant.parse("2026-12-06T09:00:00Z");
    private static final ScopeKey SCOPE = ScopeKey.of(GENERAL);
    private static final ModelNames TINY = new ModelNames("tiny.gguf", "kind.gguf");

    private final FakeClock clock = new FakeClock(AT);
    private final InMemoryFeedbackConsent consent = new InMemoryFeedbackConsent();
    private final InMemoryFeedbackLog log = new InMemoryFeedbackLog();
    private final FeedbackRecorder recorder = new FeedbackRecorder(consent, log, () -> TINY, clock, Runnable::run);

    private OptionalLong answer(InboundMessage question, CompletableFuture<List<String>> shownBy) {
        return recorder.answered(question, "Be kind.", "Hello!", recorder.modelNow(), shownBy).toCompletableFuture().join();
    }

    @Test
    void answered_recordsTheExchangeWhereFeedbackIsOnOnceThePlatformShowsIt() {
        consent.setEnabled(SCOPE, true, "admin", AT);
        InboundMessage question = message(GENERAL, ALICE, "hi there", true);
        CompletableFuture<List<String>> shownBy = new CompletableFuture<>();

        var recorded = recorder.answered(question, "Be kind.", "Hello!", recorder.modelNow(), shownBy);
        assertThat(log.exchanges()).as("not before it is shown").isEmpty();
        shownBy.complete(List.of("900", "901"));

        assertThat(recorded.toCompletableFuture().join()).isPresent();
        assertThat(log.exchanges()).containsExactly(new Exchange(GENERAL.platform(), "guild-1", "general", "general",
                "alice", "900", "Be kind.", "hi there", "Hello!", TINY, "", AT));
    }

    @Test
    void answered_ofARegeneration_recordsTheExchangeItReplacedOnceBothAreKnown() {
        consent.setEnabled(SCOPE, true, "admin", AT);
        CompletableFuture<OptionalLong> replaces = new CompletableFuture<>();

        var recorded = recorder.answered(message(GENERAL, ALICE, "hi there", true), "Be kind.", "Hi!",
                recorder.modelNow(), "", replaces, CompletableFuture.completedFuture(List.of("902")));
        assertThat(log.exchanges()).as("not before the replaced one is recorded").isEmpty();
        replaces.complete(OptionalLong.of(41));

        assertThat(recorded.toCompletableFuture().join()).isPresent();
        assertThat(log.exchanges()).singleElement().extracting(Exchange::replacesId).isEqualTo(41L);
    }

    @Test
    void answered_recordsNothingWhereFeedbackIsOff() {
        assertThat(answer(message(GENERAL, ALICE, "hi", true), CompletableFuture.completedFuture(List.of("900"))))
                .isEmpty();
        assertThat(log.exchanges()).isEmpty();
    }

    @Test
    void answered_recordsNothingForAnOptedOutAuthorOrABot() {
        consent.setEnabled(SCOPE, true, "admin", AT);
        consent.optOut(SCOPE, "bob", AT);

        assertThat(answer(message(GENERAL, BOB, "hi", true), CompletableFuture.completedFuture(List.of("900")))).isEmpty();
        assertThat(answer(message(GENERAL, OTHER_BOT, "hi", true), CompletableFuture.completedFuture(List.of("901"))))
                .isEmpty();
        assertThat(log.exchanges()).isEmpty();
    }

    @Test
    void answered_recordsNothingWithoutAMessageToReactTo() {
        consent.setEnabled(SCOPE, true, "admin", AT);

        assertThat(answer(message(GENERAL, ALICE, "hi", true), CompletableFuture.completedFuture(List.of()))).isEmpty();
        assertThat(log.exchanges()).isEmpty();
    }

    @Test
    void answered_aFailingStoreCostsNothingButTheRecord() {
        consent.setEnabled(SCOPE, true, "admin", AT);
        var failing = new FeedbackRecorder(consent, new BrokenFeedbackLog(), () -> TINY, clock, Runnable::run);

        assertThat(failing.answered(message(GENERAL, ALICE, "hi", true), "Be kind.", "Hello!", TINY,
                CompletableFuture.completedFuture(List.of("900"))).toCompletableFuture().join()).isEmpty();
    }
}
