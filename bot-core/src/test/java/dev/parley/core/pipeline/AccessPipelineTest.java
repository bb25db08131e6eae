package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.Messages;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Admission refuses blocked and muted authors before moderation and the queue, and counts blocked prompts as strikes. */
class AccessPipelineTest {

    private final PipelineFixture fixture = new PipelineFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private String command(String text) {
        RecordingReplySink sink = new RecordingReplySink();
        assertThat(fixture.answer(mention(ADMIN, text), sink)).isInstanceOf(Outcome.CommandAnswered.class);
        return sink.notices().getFirst().text();
    }

    @Test
    void aBlockedUserGetsOneNoticeThenSilenceAndIsAnsweredOnceUnblocked() {
        assertThat(command("/bot block user bob spamming")).startsWith("Blocked user bob");

        RecordingReplySink first = new RecordingReplySink();
        assertThat(fixture.answer(mention(BOB, "hello"), first)).isEqualTo(new Outcome.AccessDenied("blocked user"));
        assertThat(first.notices()).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(Notice.Kind.ACCESS_DENIED);
            assertThat(n.text()).isEqualTo("You are blocked from using the bot here: spamming.");
        });
        RecordingReplySink second = new RecordingReplySink();
        assertThat(fixture.answer(mention(BOB, "hello?"), second)).isInstanceOf(Outcome.AccessDenied.class);
        assertThat(second.notices()).isEmpty();
        assertThat(fixture.model.requests()).isEmpty();

        assertThat(command("/bot unblock user bob")).startsWith("Removed user bob");
        fixture.model.replies("Hi Bob.");
        assertThat(fixture.answer(mention(BOB, "hello"), new RecordingReplySink())).isInstanceOf(Outcome.Answered.class);
        assertThat(fixture.audit.recent(ScopeKey.of(Messages.GENERAL), 10)).extracting(AuditEntry::action)
                .contains("access.block", "access.unblock");
    }

    @Test
    void aBlockedUserMayStillExportOrForgetTheirOwnDataButRunNoOtherCommand() {
        assertThat(command("/bot block user bob spamming")).startsWith("Blocked user bob");

        assertThat(fixture.answer(mention(BOB, "/reset"), new RecordingReplySink())).isInstanceOf(Outcome.AccessDenied.class);
        assertThat(fixture.answer(mention(BOB, "/export"), new RecordingReplySink()))
                .isInstanceOf(Outcome.CommandAnswered.class);
        assertThat(fixture.answer(mention(BOB, "/forget me"), new RecordingReplySink()))
                .isInstanceOf(Outcome.CommandAnswered.class);
    }

    @Test
    void threeBlockedPromptsMuteUntilTheClockPassesTheMute() {
        RecordingReplySink sink = new RecordingReplySink();
        for (int i = 0; i < 3; i++) {
            assertThat(fixture.answer(mention(BOB, "a bomb please"), sink)).isInstanceOf(Outcome.Blocked.class);
        }
        assertThat(sink.notices().getLast().text())
                .isEqualTo("I can't help with that. You are muted from the bot here until 2026-01-01 01:00:00 UTC:"
                        + " 3 blocked messages within 24 h.");

        RecordingReplySink muted = new RecordingReplySink();
        assertThat(fixture.answer(mention(BOB, "hello"), muted)).isEqualTo(new Outcome.AccessDenied("muted"));
        assertThat(muted.notices()).singleElement().extracting(Notice::text).asString().contains("until 2026-01-01 01:00:00 UTC");

        fixture.clock.advance(Duration.ofHours(1));
        fixture.model.replies("Hi Bob.");
        assertThat(fixture.answer(mention(BOB, "hello"), new RecordingReplySink())).isInstanceOf(Outcome.Answered.class);
    }

    @Test
    void aMemberCannotBlockAndAnAdminCannotBlockThemselves() {
        RecordingReplySink sink = new RecordingReplySink();
        fixture.answer(mention(BOB, "/bot block user alice"), sink);
        assertThat(sink.notices().getFirst().text()).startsWith("Only admins of this server");

        assertThat(command("/bot block user admin")).isEqualTo("You cannot block yourself.");
        assertThat(command("/bot block role newcomer")).contains("admins' commands still work");
        assertThat(command("/bot block nobody 1")).startsWith("Usage: /bot block");
    }
}
