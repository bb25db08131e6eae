package dev.parley.core.command;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.mention;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.settings.ChannelKey;
import dev.parley.core.settings.InMemoryChannelSettingsStore;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.settings.ScopeSettings;
import dev.parley.core.testing.FakeClock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A {@code /moderation} change goes to the scope or to the channel, and its audit entry says which. */
class ModerationTargetTest {

    private final InMemorySettingsStore settings = new InMemorySettingsStore();
    private final InMemoryChannelSettingsStore channels = new InMemoryChannelSettingsStore();
    private final ModerationPolicies policies = new ModerationPolicies(settings, channels,
            new ModerationDefaults(List.of(), Set.of(Direction.INPUT), "in", "out"), new TextNormaliser());
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final AdminChanges changes = new AdminChanges(audit, new FakeClock());
    private final InboundMessage message = mention(ADMIN, "/moderation terms add bomb");

    @Test
    void scope_change_savesTheScopesSettingsAndAuditsTheActionAsIs() {
        ModerationTarget.scope(message, settings, policies)
                .change(changes, message, s -> s.withBlockedTerm("bomb"), "terms.add", "bomb");

        assertThat(settings.load(ScopeKey.of(GENERAL)).blockedTerms()).containsExactly("bomb");
        assertThat(channels.load(ChannelKey.of(GENERAL)).moderation()).isEqualTo(ScopeSettings.DEFAULTS);
        assertThat(policies.forLocation(GENERAL).blockedTerms().isEmpty()).isFalse();
        assertThat(audit.recent(ScopeKey.of(GENERAL), 10)).extracting(AuditEntry::action, AuditEntry::detail)
                .containsExactly(tuple("terms.add", "bomb"));
    }

    @Test
    void channel_change_savesOnlyTheChannelsOwnAndAuditsItAsAChannelChange() {
        ModerationTarget channel = ModerationTarget.channel(message, channels, policies);

        channel.change(changes, message, s -> s.withBlockedTerm("bomb"), "moderation.direction", "input");

        assertThat(channels.load(ChannelKey.of(GENERAL)).moderation().blockedTerms()).containsExactly("bomb");
        assertThat(settings.load(ScopeKey.of(GENERAL))).isEqualTo(ScopeSettings.DEFAULTS);
        assertThat(channel.where()).isEqualTo("in this channel");
        assertThat(audit.recent(ScopeKey.of(GENERAL), 10)).extracting(AuditEntry::action, AuditEntry::detail)
                .containsExactly(tuple("moderation.channel.direction", "general input"));
    }
}
