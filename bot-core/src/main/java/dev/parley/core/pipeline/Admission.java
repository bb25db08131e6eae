package dev.parley.core.pipeline;

import dev.parley.core.access.AccessControl;
import dev.parley.core.command.CommandLine;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.quota.QuotaRefusal;
import dev.parley.core.quota.Quotas;
import dev.parley.core.ratelimit.MessageLimits;
import dev.parley.core.settings.ChannelKey;
import dev.parley.core.settings.ChannelSettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ReplyMode;
import org.jspecify.annotations.Nullable;

/** Decides whether and how a message (or an edit of one) is taken: ignored, refused, answered as a command, or to be queued. */
final class Admission {

    /** What admission came to: an outcome already reached, or the policy under which to queue the message. */
    sealed interface Decision {

        /** The message is finished with {@code outcome}; the user was told whatever it needs. */
        record Done(Outcome outcome) implements Decision {}

        /** The message passed every check and is to be queued, answered under {@code policy}. */
        record Take(ModerationPolicy policy) implements Decision {}
    }

    private final PipelineSettings settings;
    private final CommandService commands;
    private final ModerationPolicies policies;
    private final Moderator moderator;
    private final MessageLimits limits;
    private final ChannelSettingsStore channels;
    private final BlockAudit blocks;
    private final AccessControl access;
    private final Quotas quotas;

    Admission(PipelineSettings settings, CommandService commands, ModerationPolicies policies, Moderator moderator,
            MessageLimits limits, ChannelSettingsStore channels, BlockAudit blocks, AccessControl access,
            Quotas quotas) {
        this.settings = settings;
        this.commands = commands;
        this.policies = policies;
        this.moderator = moderator;
        this.limits = limits;
        this.channels = channels;
        this.blocks = blocks;
        this.access = access;
        this.quotas = quotas;
    }

    /**
     * Refuses a text of more than {@link PipelineSettings#maxInputChars()} characters, or null.
     * Characters as the user sees them (code points): an emoji is one, not two UTF-16 units.
     */
    private Decision.@Nullable Done tooLong(InboundMessage message, ReplySink sink) {
        String text = message.text();
        int characters = text.codePointCount(0, text.length());
        if (characters <= settings.maxInputChars()) {
            return null;
        }
        String reason = "Your message has " + characters + " characters; I read at most " + settings.maxInputChars() + ".";
        sink.notice(new Notice(Notice.Kind.TOO_LONG, reason));
        return new Decision.Done(new Outcome.TooLong(reason));
    }

    /** Steps 1 and 2 of the path: what became of {@code message}, or its policy when it is to be queued. */
    Decision admit(InboundMessage message, ReplySink sink) {
        if (message.author().bot()) {
            return done(new Outcome.Ignored("author is a bot"));
        }
        if (message.text().isBlank()) {
            return done(new Outcome.Ignored("no text"));
        }
        if (tooLong(message, sink) instanceof Decision.Done refused) {
            return refused;
        }
        CommandLine command = CommandLine.parse(message.text());
        // a "/shrug" between people in a channel is not for the bot: commands run when addressed to
        // it, even where replies are off, or anywhere it answers every message (auto-reply)
        boolean commandForTheBot = command != null && message.addressedToBot();
        Outcome.Ignored notAnswered = commandForTheBot ? null : notToAnswer(message);
        if (notAnswered != null) {
            return done(notAnswered);
        }
        boolean ownData = command != null && CommandService.aboutOwnData(command);
        if (denied(message, command != null, ownData, sink) instanceof Decision.Done refused) {
            return refused;
        }
        if (command != null) {
            String reply = commands.handle(command, message);
            sink.notice(new Notice(Notice.Kind.COMMAND_REPLY, reply));
            return done(new Outcome.CommandAnswered(reply));
        }

        ModerationPolicy policy = policies.forLocation(message.location());
        boolean exempt = policy.exempts(message.author().roles());
        if (!exempt && moderator.moderate(message.text(), Direction.INPUT, policy) instanceof Verdict.Block block) {
            blocks.record(message, Direction.INPUT, block, message.text(), policy);
            sink.notice(new Notice(Notice.Kind.INPUT_BLOCKED, policy.notice(Direction.INPUT, block) + access.strike(message, block)));
            return done(new Outcome.Blocked(Direction.INPUT, block));
        }

        if (limits.check(message).orElse(null) instanceof MessageLimits.Refusal refusal) {
            if (refusal.firstInWindow()) {
                sink.notice(new Notice(Notice.Kind.RATE_LIMITED, rateNotice(refusal)));
            }
            return done(new Outcome.RateLimited(refusal.retryAfter(), refusal.level()));
        }

        if (quotas.check(message).orElse(null) instanceof QuotaRefusal overBudget) {
            sink.notice(new Notice(Notice.Kind.OVER_QUOTA, overBudget.notice()));
            return done(new Outcome.OverQuota(overBudget.notice()));
        }

        return new Decision.Take(policy);
    }

    /**
     * The checks an edited text passes again before it replaces the answer withdrawn for it: those
     * of {@link #admit} except commands (an edit never runs one), the rate limits (the message
     * was charged when it first came) and the quotas (checked when it first came).
     */
    Decision admitEdit(InboundMessage edited, ReplySink sink) {
        if (edited.text().isBlank()) {
            return done(new Outcome.Ignored("no text"));
        }
        if (tooLong(edited, sink) instanceof Decision.Done refused) {
            return refused;
        }
        if (CommandLine.parse(edited.text()) != null) {
            return done(new Outcome.Ignored("edited into a command"));
        }
        if (notToAnswer(edited) instanceof Outcome.Ignored ignored) {
            return done(ignored);
        }
        if (denied(edited, false, false, sink) instanceof Decision.Done refused) {
            return refused;
        }
        ModerationPolicy policy = policies.forLocation(edited.location());
        if (!policy.exempts(edited.author().roles())
                && moderator.moderate(edited.text(), Direction.INPUT, policy) instanceof Verdict.Block block) {
            blocks.record(edited, Direction.INPUT, block, edited.text(), policy);
            sink.notice(new Notice(Notice.Kind.INPUT_BLOCKED, policy.notice(Direction.INPUT, block) + access.strike(edited, block)));
            return done(new Outcome.Blocked(Direction.INPUT, block));
        }
        return new Decision.Take(policy);
    }

    /**
     * Why the bot does not answer {@code message} where it was written (replies off in the channel,
     * or not addressed to the bot outside an auto-reply channel), or null when it answers. A direct
     * message is always answered, whatever the channel's mode.
     */
    private Outcome.@Nullable Ignored notToAnswer(InboundMessage message) {
        ReplyMode mode = message.directMessage() ? ReplyMode.MENTION_ONLY
                : channels.load(ChannelKey.of(message.location())).replyMode();
        if (mode == ReplyMode.OFF) {
            return new Outcome.Ignored("replies are off in this channel");
        }
        if (!message.addressedToBot() && mode != ReplyMode.AUTO_REPLY) {
            return new Outcome.Ignored("not addressed to the bot");
        }
        return null;
    }

    /**
     * Refuses an author who may not use the bot here (blocked, muted, scope not served), or null;
     * a command about the author's own data is refused only where the scope is not served.
     */
    private Decision.@Nullable Done denied(InboundMessage message, boolean command, boolean ownData, ReplySink sink) {
        AccessControl.Denial denial = (ownData ? access.checkOwnData(message) : access.check(message, command))
                .orElse(null);
        if (denial == null) {
            return null;
        }
        if (denial.notice() != null) {
            sink.notice(new Notice(Notice.Kind.ACCESS_DENIED, denial.notice()));
        }
        return new Decision.Done(new Outcome.AccessDenied(denial.reason()));
    }

    private static Decision done(Outcome outcome) {
        return new Decision.Done(outcome);
    }

    private static String rateNotice(MessageLimits.Refusal refusal) {
        String who = switch (refusal.level()) {
            case USER -> "You are sending messages too fast";
            case CHANNEL -> "This channel is asking me too much at once";
            case SERVER -> "This server is asking me too much at once";
        };
        return who + "; you can ask again in " + ChatPipeline.seconds(refusal.retryAfter()) + " s.";
    }
}
