package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.access.AccessControl;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthorAccessCheckTest {

    private final FakeClock clock = new FakeClock();
    private final AccessControl access = AccessControl.inMemory(new InMemoryAuditLog(), clock);
    private final AuthorAccess check = new AuthorAccess(access);

    private void muteBob() {
        access.mutes().mute(ScopeKey.of(GENERAL), "bob", clock.instant().plus(Duration.ofHours(1)), "spam", "admin");
    }

    @Test
    void decide_mutedAuthor_isRefusedWithANotice() {
        muteBob();
        RecordingReplySink sink = new RecordingReplySink();

        assertThat(check.decide(mention(BOB, "hello"), sink)).contains(new Outcome.AccessDenied("muted"));
        assertThat(sink.notices()).singleElement()
                .satisfies(notice -> assertThat(notice.kind()).isEqualTo(Notice.Kind.ACCESS_DENIED));
    }

    @Test
    void decide_mutedAuthorAskingForTheirOwnData_passes() {
        muteBob();

        assertThat(check.decide(mention(BOB, "/export"), new RecordingReplySink())).isEqualTo(AdmissionCheck.PASS);
        assertThat(check.decide(mention(BOB, "/reset"), new RecordingReplySink())).isPresent();
    }

    @Test
    void decide_authorFreeToUseTheBot_passes() {
        assertThat(check.decide(mention(BOB, "hello"), new RecordingReplySink())).isEqualTo(AdmissionCheck.PASS);
        assertThat(check.decide(mention(ADMIN, "/bot status"), new RecordingReplySink())).isEqualTo(AdmissionCheck.PASS);
    }
}
