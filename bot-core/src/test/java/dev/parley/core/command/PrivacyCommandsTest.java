package dev.parley.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.privacy.DataSubject;
import dev.parley.core.privacy.ExportFile;
import dev.parley.core.privacy.ForgetConfirmations;
import dev.parley.core.privacy.ListedRows;
import dev.parley.core.privacy.PersonalData;
import dev.parley.core.privacy.PersonalDataHolders;
import dev.parley.core.privacy.PrivateDelivery;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrivacyCommandsTest {

    private static final Location GROUP = new Location(Platform.TELEGRAM, "-100", "-100", null);
    private static final ScopeKey SCOPE = ScopeKey.of(GROUP);
    private static final Author ANA = new Author("7", "Ana", Set.of(), false, false);
    private static final DataSubject ANA_HERE = new DataSubject(SCOPE, "7");
    private static final DataSubject BEN_HERE = new DataSubject(SCOPE, "8");

    private final FakeClock clock = new FakeClock();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ListedRows conversation = new ListedRows("conversation")
            .add(ANA_HERE, Map.of("user_text", "my secret question", "reply", "an answer"))
            .add(BEN_HERE, Map.of("user_text", "ben's question", "reply", "another"));
    private final List<ExportFile> sent = new ArrayList<>();
    private PrivateDelivery.Outcome deliveryOutcome = PrivateDelivery.Outcome.SENT;
    private final CommandService service = CommandServiceParts.required(new InMemorySettingsStore(), audit, clock)
            .privacy(new CommandService.PrivacySetup(new PersonalDataHolders(List.of(conversation), clock),
                    (platform, user, file) -> {
                        if (deliveryOutcome == PrivateDelivery.Outcome.SENT) {
                            sent.add(file);
                        }
                        return deliveryOutcome;
                    },
                    new ForgetConfirmations(clock, Duration.ofMinutes(5))))
            .build();

    private String run(String text) {
        return service.handle(CommandLine.parse(text), new InboundMessage("m", GROUP, ANA, text, null, true, false,
                Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void export_sendsTheAuthorsOwnRowsPrivatelyAndAnswersWithoutThem() {
        String answer = run("/export");

        assertThat(answer).isEqualTo("I sent you privately what is stored about you in this chat: 1 row, as a JSON file.");
        assertThat(sent).hasSize(1);
        String json = new String(sent.getFirst().content(), StandardCharsets.UTF_8);
        assertThat(json).contains("my secret question").doesNotContain("ben's question");
        assertThat(audit.recent(SCOPE, 5)).extracting(AuditEntry::action).containsExactly("privacy.export");
        assertThat(audit.recent(SCOPE, 5).getFirst().detail()).doesNotContain("secret");
    }

    @Test
    void export_withoutAPrivateChat_saysHowToOpenOneAndSendsNothing() {
        deliveryOutcome = PrivateDelivery.Outcome.NO_PRIVATE_CHAT;

        assertThat(run("/export")).startsWith("I cannot write to you privately yet: open a private chat with me");
        assertThat(sent).isEmpty();
        assertThat(audit.recent(SCOPE, 5)).isEmpty();
    }

    @Test
    void forget_asksFirstAndDeletesOnlyAfterTheConfirmation() {
        assertThat(run("/forget me")).contains("cannot be undone", "/forget me confirm within 5 minutes");
        assertThat(conversation.size()).isEqualTo(2);

        String answer = run("/forget me confirm");

        assertThat(answer).startsWith("Forgotten: 1 stored row about you here");
        assertThat(conversation.export(ANA_HERE).rows()).isEmpty();
        assertThat(conversation.export(BEN_HERE).rows()).hasSize(1);
        AuditEntry entry = audit.recent(SCOPE, 5).getFirst();
        assertThat(entry.action()).isEqualTo("privacy.forget");
        assertThat(entry.actorId()).isEqualTo(PersonalData.ANONYMOUS_ID);
        assertThat(entry.detail()).isEqualTo("1 row").doesNotContain("secret");
    }

    @Test
    void forget_aConfirmationWithoutARecentAskDeletesNothing() {
        assertThat(run("/forget me confirm")).startsWith("Send /forget me first");
        run("/forget me");
        clock.advance(Duration.ofMinutes(6));

        assertThat(run("/forget me confirm")).startsWith("Send /forget me first");
        assertThat(conversation.size()).isEqualTo(2);
    }

    @Test
    void forget_someoneElseOrBadWords_getsOneLine() {
        assertThat(run("/forget 8")).isEqualTo("Usage: /forget me, then /forget me confirm. Only your own data can be forgotten.");
        assertThat(run("/forget me now")).startsWith("Usage: /forget me");
        assertThat(conversation.size()).isEqualTo(2);
    }

    @Test
    void withoutPrivacySetUp_bothCommandsSaySo() {
        CommandService plain = CommandServiceParts.required(new InMemorySettingsStore(), audit, clock).build();
        InboundMessage message = new InboundMessage("m", GROUP, ANA, "/export", null, true, false, Instant.EPOCH);

        assertThat(plain.handle(CommandLine.parse("/export"), message)).isEqualTo(PrivacyCommands.UNAVAILABLE);
        assertThat(plain.handle(CommandLine.parse("/forget me"), message)).isEqualTo(PrivacyCommands.UNAVAILABLE);
    }
}
