package dev.parley.core.command;

import dev.parley.core.audit.AuditLog;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.SettingsStore;
import dev.parley.core.testing.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The collaborators every command service needs, set the way the tests of one command family
 * want them out of the way: input-only moderation with no terms, a small conversation memory.
 * A test adds the part it is about ({@code .quotas(...)}, {@code .access(...)}) and builds.
 */
final class CommandServiceParts {

    private CommandServiceParts() {}

    static CommandService.Builder required(SettingsStore settings, AuditLog audit, FakeClock clock) {
        TextNormaliser normaliser = new TextNormaliser();
        return CommandService.builder()
                .settings(settings)
                .policies(new ModerationPolicies(settings,
                        new ModerationDefaults(List.of(), Set.of(Direction.INPUT), "in", "out"), normaliser))
                .moderator(new Moderator(normaliser))
                .memory(new ConversationMemory(text -> 1, new MemoryLimits(10, Duration.ofHours(1), 10, 0), clock))
                .audit(audit)
                .clock(clock);
    }
}
