package dev.parley.core.command;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.ratelimit.LimitOverride;
import dev.parley.core.ratelimit.LimitOverrideStore;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.settings.ScopeKey;
import org.jspecify.annotations.Nullable;

/**
 * The {@code /ratelimit} commands: show the limits in force in a scope, and (admins) set one level
 * to a number of messages per minute or back to the configured default. Changes are audited and
 * apply from the next message.
 */
final class RateLimitCommands {

    static final String USAGE = "Usage: /ratelimit show | /ratelimit set <user|channel|server> <per-minute|default> [burst]";
    static final int MAX_PER_MINUTE = 10_000;

    private final LimitOverrideStore overrides;
    private final ScopeLimits defaults;
    private final AdminChanges changes;

    RateLimitCommands(LimitOverrideStore overrides, ScopeLimits defaults, AdminChanges changes) {
        this.overrides = overrides;
        this.defaults = defaults;
        this.changes = changes;
    }

    String handle(CommandLine command, InboundMessage message) {
        ScopeKey scope = ScopeKey.of(message.location());
        return switch (command.word(0)) {
            case "show" -> show(scope);
            case "set" -> message.author().admin() ? set(command, message, scope) : "Only admins can change rate limits.";
            default -> USAGE;
        };
    }

    private String show(ScopeKey scope) {
        ScopeLimits limits = defaults.with(overrides.forScope(scope));
        return "Rate limits here: user " + describe(limits.user()) + ", channel " + describe(limits.channel())
                + ", server " + describe(limits.server()) + ".";
    }

    private String set(CommandLine command, InboundMessage message, ScopeKey scope) {
        String level = command.word(1);
        if (!level.equals("user") && !level.equals("channel") && !level.equals("server")) {
            return USAGE;
        }
        RateLimit limit;
        if (command.word(2).equals("default")) {
            limit = null;
        } else {
            int perMinute = number(command.word(2));
            int burst = command.word(3).isEmpty() ? Math.max(1, perMinute / 2) : number(command.word(3));
            if (perMinute < 1 || perMinute > MAX_PER_MINUTE || burst < 1 || burst > MAX_PER_MINUTE) {
                return "Give a whole number of messages per minute from 1 to " + MAX_PER_MINUTE
                        + " (and a burst in the same range), or \"default\". " + USAGE;
            }
            limit = new RateLimit(perMinute, burst);
        }
        LimitOverride before = overrides.forScope(scope);
        LimitOverride after = switch (level) {
            case "user" -> new LimitOverride(limit, before.channel(), before.server());
            case "channel" -> new LimitOverride(before.user(), limit, before.server());
            default -> new LimitOverride(before.user(), before.channel(), limit);
        };
        overrides.save(scope, after);
        changes.record(message, "ratelimit.set",
                level + " " + (limit == null ? "default" : limit.perMinute() + "/min burst " + limit.burst()));
        return show(scope);
    }

    private static int number(String word) {
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String describe(@Nullable RateLimit limit) {
        return limit == null ? "unlimited" : limit.perMinute() + "/min (burst " + limit.burst() + ")";
    }
}
