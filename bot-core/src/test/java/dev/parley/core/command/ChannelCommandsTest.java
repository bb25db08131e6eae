package dev.parley.core.command;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.ALICE;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.settings.ChannelKey;
import dev.parley.core.settings.InMemoryChannelSettingsStore;
import dev.parley.core.settings.ReplyMode;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ChannelCommandsTest {

    private final InMemoryChannelSettingsStore channels = new InMemoryChannelSettingsStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final ChannelCommands commands = new ChannelCommands(channels, new AdminChanges(audit, new FakeClock()));

    private String run(String text, boolean admin) {
        return commands.handle(Objects.requireNonNull(CommandLine.parse(text)), mention(admin ? ADMIN : ALICE, text));
    }

    private ReplyMode mode() {
        return channels.load(ChannelKey.of(GENERAL)).replyMode();
    }

    @Test
    void handle_withoutAMode_showsTheChannelsModeToAnyone() {
        assertThat(run("/bot channel", false)).isEqualTo("Reply mode here: mention-only (I answer when mentioned or replied to).");
    }

    @Test
    void handle_adminChangesTheMode_savedAndAudited() {
        assertThat(run("/bot channel auto-reply", true))
                .isEqualTo("Reply mode here is now auto-reply: I answer every message in this channel.");

        assertThat(mode()).isEqualTo(ReplyMode.AUTO_REPLY);
        assertThat(audit.recent(ScopeKey.of(GENERAL), 10)).extracting(AuditEntry::action, AuditEntry::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bot.channel", "general auto-reply"));
        assertThat(run("/bot channel auto-reply", true)).isEqualTo("Reply mode here was already auto-reply.");
    }

    @Test
    void handle_nonAdminOrUnknownMode_changesNothing() {
        assertThat(run("/bot channel off", false))
                .isEqualTo("Only admins of this server can change when I reply in a channel.");
        assertThat(run("/bot channel sometimes", true)).isEqualTo("Usage: /bot channel [auto-reply|mention-only|off]");

        assertThat(mode()).isEqualTo(ReplyMode.MENTION_ONLY);
        assertThat(audit.recent(ScopeKey.of(GENERAL), 10)).isEmpty();
    }
}
