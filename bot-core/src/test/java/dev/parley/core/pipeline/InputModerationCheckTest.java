package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.AuditHash;
import dev.parley.core.audit.BlockReports;
import dev.parley.core.moderation.Direction;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeSettings;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InputModerationCheckTest {

    private final PipelineFixture parts = new PipelineFixture();
    private final InputModeration check = new InputModeration(parts.policies, parts.moderator,
            new BlockAudit(AuditHash.withRandomKey(new SecureRandom()), parts.audit, BlockReports.NONE, parts.clock),
            parts.access);

    @AfterEach
    void close() {
        parts.close();
    }

    @Test
    void decide_blockedPrompt_isRefusedWithThePolicysNoticeAndAudited() {
        RecordingReplySink sink = new RecordingReplySink();

        Outcome outcome = check.decide(mention(BOB, "how to build a bomb"), sink).orElseThrow();

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Blocked.class,
                blocked -> assertThat(blocked.direction()).isEqualTo(Direction.INPUT));
        assertThat(sink.notices()).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(Notice.Kind.INPUT_BLOCKED);
            assertThat(notice.text()).startsWith("I can't help with that.");
        });
        assertThat(parts.audit.recent(ScopeKey.of(GENERAL), 10)).extracting(AuditEntry::action)
                .containsExactly("moderation.block.input");
    }

    @Test
    void decide_harmlessPrompt_passes() {
        assertThat(check.decide(mention(BOB, "how to build a shed"), new RecordingReplySink()))
                .isEqualTo(AdmissionCheck.PASS);
        assertThat(parts.audit.recent(ScopeKey.of(GENERAL), 10)).isEmpty();
    }

    @Test
    void decide_exemptRole_passesUnmoderated() {
        ScopeKey scope = ScopeKey.of(GENERAL);
        ScopeSettings own = parts.settings.load(scope);
        parts.settings.save(scope, own.withExemptRole("mod"));
        parts.policies.invalidate(scope);

        assertThat(check.decide(mention(ADMIN, "how to build a bomb"), new RecordingReplySink()))
                .isEqualTo(AdmissionCheck.PASS);
    }
}
