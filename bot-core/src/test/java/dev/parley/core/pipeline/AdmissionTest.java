package dev.parley.core.pipeline;

import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.BOB;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditHash;
import dev.parley.core.audit.BlockReports;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.quota.Quotas;
import dev.parley.core.ratelimit.LimitOverrides;
import dev.parley.core.ratelimit.MessageLimits;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.settings.InMemoryChannelSettingsStore;
import dev.parley.core.settings.ScopeKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The order of admission's checks, which of them an edit skips, and that the first check to end a message decides. */
class AdmissionTest {

    private static final List<String> ORDER = List.of("duplicate", "bot-author", "blank", "length", "edited-command",
            "addressed", "access", "command", "input-moderation", "rate-limits", "quotas");

    private final PipelineFixture parts = new PipelineFixture();
    private final Admission admission = new Admission(
            new PipelineSettings("sys", new GenerationSettings(10, 0f, 1), ScopeLimits.perUser(new RateLimit(600, 100)), 500, 100),
            new SeenMessages(parts.clock, Duration.ofMinutes(10), 100), parts.commands, parts.policies,
            parts.moderator, new MessageLimits(new RateLimiter(parts.clock, parts.clock, Duration.ofMinutes(10), 100),
                    ScopeLimits.perUser(new RateLimit(600, 100)), LimitOverrides.none()),
            new InMemoryChannelSettingsStore(),
            new BlockAudit(AuditHash.withRandomKey(new SecureRandom()), parts.audit, BlockReports.NONE, parts.clock),
            parts.access, Quotas.unlimited(parts.clock));

    @AfterEach
    void close() {
        parts.close();
    }

    @Test
    void checks_runInTheOrderAMessageTravels() {
        assertThat(admission.checkNames()).isEqualTo(ORDER);
        assertThat(admission.messageChecks()).containsExactly("duplicate", "bot-author", "blank", "length", "addressed",
                "access", "command", "input-moderation", "rate-limits", "quotas");
    }

    @Test
    void editChecks_areTheSameListWithoutCommandsLimitsAndQuotas() {
        assertThat(admission.editChecks()).containsExactly("blank", "length", "edited-command", "addressed", "access",
                "input-moderation");
    }

    @Test
    void docsArchitecture_listsTheChecksInTheCodesOrder() throws IOException {
        String docs = Files.readString(Path.of("..", "docs", "architecture.md"));
        String admissionPart = docs.substring(docs.indexOf("**Admission**"), docs.indexOf("**Token budget.**"));
        Matcher listed = Pattern.compile("(?m)^\\s+\\d+\\. `([a-z-]+)`").matcher(admissionPart);
        List<String> names = new ArrayList<>();
        while (listed.find()) {
            names.add(listed.group(1));
        }

        assertThat(names).isEqualTo(admission.checkNames());
    }

    @Test
    void admitEdit_intoACommandByABlockedAuthor_isIgnoredBeforeAccessIsChecked() {
        parts.access.mutes().mute(ScopeKey.of(GENERAL), "bob", parts.clock.instant().plus(Duration.ofHours(1)), "spam",
                "admin");
        RecordingReplySink sink = new RecordingReplySink();

        assertThat(admission.admitEdit(mention(BOB, "/reset"), sink))
                .isEqualTo(new Admission.Decision.Done(new Outcome.Ignored("edited into a command")));
        assertThat(sink.notices()).isEmpty();
    }

    @Test
    void admit_aMessageEveryCheckPasses_isTakenUnderItsLocationsPolicy() {
        assertThat(admission.admit(mention(ALICE, "hello"), new RecordingReplySink()))
                .isEqualTo(new Admission.Decision.Take(parts.policies.forLocation(GENERAL)));
    }

    @Test
    void admit_firstCheckThatEndsTheMessageDecides_laterChecksAreNotAsked() {
        List<String> asked = new ArrayList<>();
        Admission listed = new Admission(List.of(
                new Admission.Step(recording("first", asked, null), Admission.Runs.ALWAYS),
                new Admission.Step(recording("edits-only", asked, null), Admission.Runs.EDITS),
                new Admission.Step(recording("ends", asked, new Outcome.Ignored("ended")), Admission.Runs.NEW_MESSAGES),
                new Admission.Step(recording("never", asked, null), Admission.Runs.ALWAYS)), parts.policies);

        assertThat(listed.admit(mention(ALICE, "hello"), new RecordingReplySink()))
                .isEqualTo(new Admission.Decision.Done(new Outcome.Ignored("ended")));
        assertThat(asked).containsExactly("first", "ends");

        asked.clear();
        assertThat(listed.admitEdit(mention(ALICE, "hello"), new RecordingReplySink()))
                .isInstanceOf(Admission.Decision.Take.class);
        assertThat(asked).containsExactly("first", "edits-only", "never");
    }

    private static AdmissionCheck recording(String name, List<String> asked, @Nullable Outcome ending) {
        return new AdmissionCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<Outcome> decide(InboundMessage message, ReplySink sink) {
                asked.add(name);
                return Optional.ofNullable(ending);
            }
        };
    }
}
