package dev.parley.core.command;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.OTHER_GUILD;
import static dev.parley.core.testing.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.history.ConversationHistory;
import dev.parley.core.history.InMemoryConversationArchive;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.settings.InMemoryChannelSettingsStore;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HistoryCommandsTest {

    private final FakeClock clock = new FakeClock();
    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final InMemoryChannelSettingsStore channels = new InMemoryChannelSettingsStore();
    private final TextNormaliser normaliser = new TextNormaliser();
    private final InMemoryConversationArchive archive = new InMemoryConversationArchive();
    private final ConversationHistory history = new ConversationHistory(archive, Duration.ofDays(30), clock);
    private final ConversationMemory memory = new ConversationMemory(String::length,
            new MemoryLimits(100, Duration.ofMinutes(10), 20, 0), clock, history);
    private final InMemoryAuditLog audit = new InMemoryAuditLog();

    private CommandService service(boolean withHistory) {
        var builder = CommandService.builder().settings(settings).channels(channels)
                .policies(new ModerationPolicies(settings, channels,
                        new ModerationDefaults(List.of(), Set.of(Direction.INPUT), "in", "out"), normaliser))
                .moderator(new Moderator(normaliser)).memory(memory).audit(audit).clock(clock);
        return (withHistory ? builder.history(history) : builder).build();
    }

    private final CommandService service = service(true);

    private String run(Location where, Author author, String text) {
        InboundMessage message = message(where, author, text, true);
        return service.handle(CommandLine.parse(text), message);
    }

    @Test
    void historyIsOffUntilAnAdminTurnsItOnAndShowSaysWhich() {
        assertThat(run(GENERAL, ALICE, "/bot history")).contains("off").contains("memory only");

        String on = run(GENERAL, ADMIN, "/bot history on");

        assertThat(on).startsWith("Conversation history in this server is now on").contains("30 days");
        assertThat(history.isOn(ScopeKey.of(GENERAL))).isTrue();
        assertThat(run(GENERAL, ALICE, "/bot history show")).contains(": on.").contains("30 days");
        assertThat(run(OTHER_GUILD, ALICE, "/bot history")).contains(": off.");
        assertThat(run(GENERAL, ADMIN, "/bot history on")).isEqualTo("Conversation history in this server was already on.");
    }

    @Test
    void onlyAdminsTurnItOnOrOff() {
        assertThat(run(GENERAL, ALICE, "/bot history on"))
                .isEqualTo("Only admins of this server can turn conversation history on or off.");
        history.turnOn(ScopeKey.of(GENERAL));
        assertThat(run(GENERAL, ALICE, "/bot history off")).startsWith("Only admins");

        assertThat(history.isOn(ScopeKey.of(GENERAL))).isTrue();
        assertThat(audit.recent(ScopeKey.of(GENERAL), 10)).isEmpty();
    }

    @Test
    void offDeletesTheStoredExchangesSaysHowManyAndIsAudited() {
        run(GENERAL, ADMIN, "/bot history on");
        memory.remember(message(GENERAL, ALICE, "q1", true).conversationKey(), "q1", "a1");
        memory.remember(message(GENERAL, ALICE, "q2", true).conversationKey(), "q2", "a2");

        String off = run(GENERAL, ADMIN, "/bot history off");

        assertThat(off).isEqualTo("Conversation history in this server is now off: 2 stored exchanges were deleted."
                + " Conversations are kept in memory only.");
        assertThat(archive.latest(message(GENERAL, ALICE, "q", true).conversationKey(), 10, Instant.EPOCH)).isEmpty();
        assertThat(audit.recent(ScopeKey.of(GENERAL), 10)).extracting(AuditEntry::action, AuditEntry::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bot.history", "off, 2 stored exchanges deleted"),
                        org.assertj.core.groups.Tuple.tuple("bot.history", "on"));
    }

    @Test
    void resetDeletesTheConversationsStoredTurns() {
        history.turnOn(ScopeKey.of(GENERAL));
        var key = message(GENERAL, ALICE, "q1", true).conversationKey();
        memory.remember(key, "q1", "a1");

        assertThat(run(GENERAL, ALICE, "/reset")).isEqualTo("Forgotten: this conversation starts afresh.");

        assertThat(archive.latest(key, 10, Instant.EPOCH)).isEmpty();
        assertThat(memory.turns(key)).isEmpty();
    }

    @Test
    void badWordsGetTheUsage() {
        assertThat(run(GENERAL, ADMIN, "/bot history maybe")).isEqualTo(HistoryCommands.USAGE);
        assertThat(run(GENERAL, ADMIN, "/bot history on now")).isEqualTo(HistoryCommands.USAGE);
        assertThat(run(GENERAL, ADMIN, "/bot nothing")).contains("/bot history [on|off|show]");
    }

    @Test
    void withoutAHistoryTheCommandSaysConversationsStayInMemory() {
        CommandService plain = service(false);
        assertThat(plain.handle(CommandLine.parse("/bot history on"), message(GENERAL, ADMIN, "/bot history on", true)))
                .isEqualTo(HistoryCommands.UNAVAILABLE);
    }

    @Test
    void helpListsTheCommand() {
        assertThat(run(GENERAL, ALICE, "/help bot")).contains("/bot history  ").contains("/bot history <on|off>");
    }

    @Test
    void retentionIsSaidInTheLargestWholeUnit() {
        assertThat(HistoryCommands.spoken(Duration.ofDays(30))).isEqualTo("30 days");
        assertThat(HistoryCommands.spoken(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(HistoryCommands.spoken(Duration.ofHours(36))).isEqualTo("36 hours");
        assertThat(HistoryCommands.spoken(Duration.ofMinutes(90))).isEqualTo("90 minutes");
    }
}
