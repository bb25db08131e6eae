package dev.parley.core.command;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.feedback.FeedbackConsent;
import dev.parley.core.feedback.FeedbackLog;
import dev.parley.core.feedback.FeedbackSummary;
import dev.parley.core.settings.ScopeKey;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /bot feedback [on|off|show|optout|optin]} command: anyone sees whether answers here
 * are recorded for feedback and opts themselves out or back in; the scope's admins switch it on
 * or off (off by default). Every change is audited.
 */
final class FeedbackCommands {

    static final String USAGE = "Usage: /bot feedback [show|on|off|optout|optin]";
    static final String UNAVAILABLE = "Feedback is not kept here.";

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackCommands.class);

    private final FeedbackConsent consent;
    private final FeedbackLog log;
    private final AdminChanges changes;
    private final InstantSource clock;

    FeedbackCommands(FeedbackConsent consent, FeedbackLog log, AdminChanges changes) {
        this.consent = consent;
        this.log = log;
        this.changes = changes;
        this.clock = changes.clock();
    }

    String handle(CommandLine command, InboundMessage message) {
        if (command.words().size() > 2) {
            return USAGE;
        }
        ScopeKey scope = ScopeKey.of(message.location());
        String noun = CommandService.scopeNoun(message);
        try {
            return switch (command.word(1)) {
                case "", "show" -> show(scope, message, noun);
                case "on", "off" -> message.author().admin()
                        ? turn(scope, message, noun, command.word(1).equals("on"))
                        : "Only admins of this " + noun + " can turn feedback on or off.";
                case "optout" -> optOut(scope, message, noun);
                case "optin" -> optIn(scope, message, noun);
                default -> USAGE;
            };
        } catch (RuntimeException e) {
            LOG.warn("feedback of {} {} could not be read or changed: {}", scope.platform(),
                    scope.scopeId(), e.toString());
            return "The feedback setting could not be read or changed just now; please try again.";
        }
    }

    private String show(ScopeKey scope, InboundMessage message, String noun) {
        boolean you = consent.optedOut(scope, message.author().id());
        String yours = you ? " You opted out: your questions and reactions are not recorded (/bot feedback optin to undo)."
                : " /bot feedback optout keeps your questions and reactions out of it.";
        if (!consent.enabled(scope)) {
            return "Feedback in this " + noun + ": off. Answers and reactions here are not recorded." + yours;
        }
        FeedbackSummary summary = log.summary(scope);
        return "Feedback in this " + noun + ": on. React with 👍 or 👎 to my answers to rate them. "
                + count(summary.exchanges(), "answer") + " recorded, " + summary.up() + " 👍, " + summary.down()
                + " 👎." + yours;
    }

    private String turn(ScopeKey scope, InboundMessage message, String noun, boolean on) {
        if (!consent.setEnabled(scope, on, message.author().id(), clock.instant())) {
            return "Feedback in this " + noun + " was already " + (on ? "on." : "off.");
        }
        changes.record(message, "bot.feedback", on ? "on" : "off");
        return on ? "Feedback in this " + noun + " is now on: my answers are recorded with the question, and 👍 or 👎"
                + " reactions on them are stored as votes, to improve the model. Anyone can opt out with /bot feedback optout."
                : "Feedback in this " + noun + " is now off: no more answers or reactions are recorded here.";
    }

    private String optOut(ScopeKey scope, InboundMessage message, String noun) {
        String user = message.author().id();
        boolean changed = consent.optOut(scope, user, clock.instant());
        int forgotten = log.forget(scope, user);
        if (!changed && forgotten == 0) {
            return "You had already opted out of feedback in this " + noun + ".";
        }
        changes.record(message, "bot.feedback.optout", "user " + user + ", " + forgotten + " records deleted");
        return "You opted out of feedback in this " + noun + ": your questions and reactions are no longer recorded"
                + (forgotten == 0 ? "." : ", and " + count(forgotten, "record") + " of yours " + (forgotten == 1 ? "was" : "were")
                        + " deleted.")
                + " /bot feedback optin undoes this.";
    }

    private String optIn(ScopeKey scope, InboundMessage message, String noun) {
        String user = message.author().id();
        if (!consent.optIn(scope, user)) {
            return "You had not opted out of feedback in this " + noun + ".";
        }
        changes.record(message, "bot.feedback.optin", "user " + user);
        return "You opted back in to feedback in this " + noun + (consent.enabled(scope)
                ? ": your questions and reactions are recorded again." : "; it is off here for now.");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
