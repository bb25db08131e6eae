package dev.parley.core.command;

import dev.parley.core.access.AccessControl;
import dev.parley.core.access.DurationWords;
import dev.parley.core.access.Mute;
import dev.parley.core.access.Strike;
import dev.parley.core.access.StrikePolicy;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.settings.ScopeKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The admins' {@code /strikes} commands: a user's strikes and mute, clearing them, and the
 * scope's policy of when strikes mute. Every change is audited.
 */
final class StrikeCommands {

    static final String USAGE = "Usage: /strikes show <user-id> | /strikes clear <user-id>"
            + " | /strikes policy [<count> <window> <mute>|off], e.g. /strikes policy 3 24h 1h";

    private final AccessControl access;
    private final AdminChanges changes;

    StrikeCommands(AccessControl access, AdminChanges changes) {
        this.access = access;
        this.changes = changes;
    }

    /** Runs {@code /strikes ...}, for admins only. */
    String handle(CommandLine command, InboundMessage message) {
        if (!message.author().admin()) {
            return "Only admins of this " + CommandService.scopeNoun(message) + " can see or change strikes.";
        }
        ScopeKey scope = ScopeKey.of(message.location());
        String user = command.words().size() > 1 ? AccessTarget.id(command.words().get(1)).orElse("") : "";
        return switch (command.word(0)) {
            case "show" -> user.isEmpty() ? USAGE : show(scope, user);
            case "clear" -> user.isEmpty() ? USAGE : clear(message, scope, user);
            case "policy" -> policy(command, message, scope);
            default -> USAGE;
        };
    }

    private String show(ScopeKey scope, String user) {
        StrikePolicy policy = access.strikes().policy(scope);
        List<Strike> strikes = access.strikes().current(scope, user);
        String counted = strikes.isEmpty() ? "User " + user + " has no strikes counting here"
                : "User " + user + " has " + strikes.size() + (strikes.size() == 1 ? " strike" : " strikes")
                        + " counting here: " + strikes.stream()
                                .map(s -> s.reason() + " at " + AccessControl.until(s.at()))
                                .collect(Collectors.joining(", "));
        Optional<Mute> mute = access.mutes().active(scope, user);
        return counted + " (policy: " + policy.describe() + ")."
                + mute.map(m -> " Muted until " + AccessControl.until(m.until()) + ": " + m.reason() + ".").orElse("");
    }

    private String clear(InboundMessage message, ScopeKey scope, String user) {
        int cleared = access.strikes().clear(scope, user);
        boolean unmuted = access.mutes().unmute(scope, user);
        access.changed(scope, user);
        changes.record(message, "strikes.clear", "user " + user + " strikes=" + cleared + " unmuted=" + unmuted);
        return "Cleared " + cleared + (cleared == 1 ? " strike" : " strikes") + " of user " + user
                + (unmuted ? " and lifted their mute." : ".");
    }

    private String policy(CommandLine command, InboundMessage message, ScopeKey scope) {
        StrikePolicy current = access.strikes().policy(scope);
        if (command.word(1).isEmpty()) {
            return "Strike policy here: " + current.describe() + ".";
        }
        StrikePolicy wanted;
        if (command.word(1).equals("off")) {
            wanted = new StrikePolicy(0, current.window(), current.muteFor());
        } else {
            int count = number(command.word(1));
            Duration window = DurationWords.parse(command.word(2)).orElse(null);
            Duration mute = DurationWords.parse(command.word(3)).orElse(null);
            if (count < 1 || count > StrikePolicy.MAX_STRIKES || window == null || mute == null
                    || window.compareTo(StrikePolicy.MAX_DURATION) > 0 || mute.compareTo(StrikePolicy.MAX_DURATION) > 0) {
                return "Give a count from 1 to " + StrikePolicy.MAX_STRIKES
                        + ", a window and a mute such as 24h or 30m (at most 365d). " + USAGE;
            }
            wanted = new StrikePolicy(count, window, mute);
        }
        access.strikes().setPolicy(scope, wanted);
        changes.record(message, "strikes.policy", wanted.strikes() + " " + DurationWords.format(wanted.window()).replace(" ", "")
                + " " + DurationWords.format(wanted.muteFor()).replace(" ", ""));
        return "Strike policy here is now: " + wanted.describe() + ".";
    }

    private static int number(String word) {
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
