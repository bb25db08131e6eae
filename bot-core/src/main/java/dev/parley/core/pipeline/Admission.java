package dev.parley.core.pipeline;

import dev.parley.core.access.AccessControl;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.quota.Quotas;
import dev.parley.core.ratelimit.MessageLimits;
import dev.parley.core.settings.ChannelSettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether and how a message (or an edit of one) is taken: ignored, refused, answered as a
 * command, or to be queued. It runs an ordered list of named {@link AdmissionCheck}s, in the order a
 * message meets them; the first that ends the message decides. An edit runs the same list, minus
 * the checks each step declares edits skip.
 */
final class Admission {

    /** What admission came to: an outcome already reached, or the policy under which to queue the message. */
    sealed interface Decision {

        /** The message is finished with {@code outcome}; the user was told whatever it needs. */
        record Done(Outcome outcome) implements Decision {}

        /** The message passed every check and is to be queued, answered under {@code policy}. */
        record Take(ModerationPolicy policy) implements Decision {}
    }

    /** Which arrivals a check runs on. */
    enum Runs {
        /** New messages and edits. */
        ALWAYS,
        /** New messages only: an edit skips it. */
        NEW_MESSAGES,
        /** Edits only. */
        EDITS
    }

    /** One check in its place in the list, with the arrivals it runs on. */
    record Step(AdmissionCheck check, Runs runs) {}

    private final List<String> names;
    private final List<AdmissionCheck> forMessages;
    private final List<AdmissionCheck> forEdits;
    private final List<AdmissionCheck> forRegenerations;
    private final ModerationPolicies policies;

    Admission(PipelineSettings settings, SeenMessages delivered, CommandService commands, ModerationPolicies policies,
            Moderator moderator, MessageLimits limits, ChannelSettingsStore channels, BlockAudit blocks,
            AccessControl access, Quotas quotas) {
        this(List.of(
                new Step(new DuplicateDelivery(delivered), Runs.NEW_MESSAGES), // an edit is not a redelivery
                new Step(new BotAuthor(), Runs.NEW_MESSAGES), // a bot's message never has an answer pending to edit
                new Step(new BlankText(), Runs.ALWAYS),
                new Step(new LengthLimit(settings.maxInputChars()), Runs.ALWAYS),
                new Step(new EditedIntoCommand(), Runs.EDITS),
                new Step(new AddressedToBot(channels), Runs.ALWAYS),
                new Step(new AuthorAccess(access), Runs.ALWAYS),
                new Step(new CommandAnswer(commands), Runs.NEW_MESSAGES),
                new Step(new InputModeration(policies, moderator, blocks, access), Runs.ALWAYS),
                new Step(new RateLimits(limits), Runs.NEW_MESSAGES), // charged when the message first came
                new Step(new QuotaLimit(quotas), Runs.NEW_MESSAGES)), // checked when the message first came
                policies);
    }

    Admission(List<Step> steps, ModerationPolicies policies) {
        this.names = steps.stream().map(step -> step.check().name()).toList();
        this.forMessages = steps.stream().filter(step -> step.runs() != Runs.EDITS).map(Step::check).toList();
        this.forEdits = steps.stream().filter(step -> step.runs() != Runs.NEW_MESSAGES).map(Step::check).toList();
        // a regeneration asks the same delivered message again: every check of a new message but the redelivery one
        this.forRegenerations = forMessages.stream().filter(check -> !(check instanceof DuplicateDelivery))
                .map(check -> check instanceof InputModeration input ? input.withoutStrikes() : check).toList();
        this.policies = policies;
    }

    /** What became of {@code message}, or its policy when it is to be queued. */
    Decision admit(InboundMessage message, ReplySink sink) {
        return run(forMessages, message, sink);
    }

    /**
     * The checks a question passes again when its answer is regenerated: those of {@link #admit}
     * except the duplicate check (the question is the delivered one, asked once more on purpose);
     * it is charged to the limits and quotas like a new message.
     */
    Decision admitAgain(InboundMessage question, ReplySink sink) {
        return run(forRegenerations, question, sink);
    }

    /**
     * The checks an edited text passes again before it replaces the answer withdrawn for it: those
     * of {@link #admit} except the ones its steps say edits skip (an edit never runs a command, and
     * it was charged to the limits and quotas when it first came).
     */
    Decision admitEdit(InboundMessage edited, ReplySink sink) {
        return run(forEdits, edited, sink);
    }

    /** The names of all the checks, new messages' and edits', in the order a message meets them. */
    List<String> checkNames() {
        return names;
    }

    /** The names of the checks a new message runs, in order. */
    List<String> messageChecks() {
        return forMessages.stream().map(AdmissionCheck::name).toList();
    }

    /** The names of the checks an edit runs, in order. */
    List<String> editChecks() {
        return forEdits.stream().map(AdmissionCheck::name).toList();
    }

    private Decision run(List<AdmissionCheck> checks, InboundMessage message, ReplySink sink) {
        for (AdmissionCheck check : checks) {
            Optional<Outcome> ended = check.decide(message, sink);
            if (ended.isPresent()) {
                return new Decision.Done(ended.get());
            }
        }
        return new Decision.Take(policies.forLocation(message.location()));
    }
}
