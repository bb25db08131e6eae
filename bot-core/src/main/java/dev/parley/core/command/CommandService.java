package dev.parley.core.command;

import dev.parley.core.access.AccessControl;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.feedback.FeedbackConsent;
import dev.parley.core.feedback.FeedbackLog;
import dev.parley.core.history.ConversationHistory;
import dev.parley.core.experiment.ExperimentReport;
import dev.parley.core.modelswap.HotSwap;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.persona.PersonaRules;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.privacy.ForgetConfirmations;
import dev.parley.core.privacy.PersonalDataHolders;
import dev.parley.core.privacy.PrivateDelivery;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.quota.Quotas;
import dev.parley.core.ratelimit.LimitOverrideStore;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.review.ReviewQueue;
import dev.parley.core.settings.ChannelSettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.SettingsStore;
import java.time.InstantSource;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the commands users and admins type. Admin commands check the author's permission on
 * every call and write every change to the audit log; changes take effect with the next message.
 */
public final class CommandService {

    private final ConversationCommands conversation;
    private final @Nullable RateLimitCommands rateLimits;
    private final ModerationCommands moderation;
    private final @Nullable PersonaCommands personas;
    private final @Nullable ChannelCommands channels;
    private final @Nullable HistoryCommands history;
    private final AdminChanges changes;
    private final AuditCommands auditCommands;
    private final @Nullable ModelCommands models;
    private final @Nullable AccessCommands access;
    private final @Nullable StrikeCommands strikes;
    private final @Nullable QuotaCommands quotaCommands;
    private final @Nullable UsageCommands usageCommands;
    private final @Nullable ReviewCommands reviews;
    private final @Nullable PrivacyCommands privacy;
    private final @Nullable FeedbackCommands feedback;
    private final @Nullable DatasetCommands datasets;

    private CommandService(Builder parts) {
        this.changes = new AdminChanges(required(parts.audit, "audit"), required(parts.clock, "clock"));
        this.auditCommands = new AuditCommands(changes.audit());
        this.conversation = new ConversationCommands(required(parts.memory, "memory"), parts.queue);
        this.moderation = new ModerationCommands(required(parts.settings, "settings"), parts.channels,
                required(parts.policies, "policies"), required(parts.moderator, "moderator"), changes);
        this.rateLimits = parts.rateLimits == null ? null
                : new RateLimitCommands(parts.rateLimits.overrides(), parts.rateLimits.defaults(), changes);
        this.personas = parts.personas == null ? null : new PersonaCommands(parts.personas,
                parts.personaRules != null ? parts.personaRules : PersonaRules.defaultsFor(parts.personas),
                required(parts.moderator, "moderator"), required(parts.policies, "policies"), changes);
        this.channels = parts.channels == null ? null : new ChannelCommands(parts.channels, changes);
        this.history = parts.history == null ? null : new HistoryCommands(parts.history, changes);
        this.models = parts.swap == null ? null : new ModelCommands(parts.swap, required(parts.operators, "operators"), changes,
                parts.experiment);
        this.access = parts.access == null ? null : new AccessCommands(parts.access, changes);
        this.strikes = parts.access == null ? null : new StrikeCommands(parts.access, changes);
        this.quotaCommands = parts.quotas == null ? null : new QuotaCommands(parts.quotas, changes);
        this.usageCommands = parts.quotas == null ? null : new UsageCommands(parts.quotas);
        this.reviews = parts.reviews == null ? null : new ReviewCommands(parts.reviews);
        this.privacy = parts.privacy == null ? null : parts.privacy.commands(changes);
        this.feedback = parts.feedbackConsent == null || parts.feedbackLog == null ? null
                : new FeedbackCommands(parts.feedbackConsent, parts.feedbackLog, changes);
        this.datasets = parts.datasets == null ? null : parts.datasets.commands(changes);
    }

    /** A builder that checks each collaborator as it is set, and at {@link Builder#build} that none is missing. */
    public static Builder builder() {
        return new Builder();
    }

    /** The configured rate limits and where the scopes' overrides are kept, for {@code /ratelimit}. */
    public record RateLimitSetup(LimitOverrideStore overrides, ScopeLimits defaults) {

        public RateLimitSetup {
            Objects.requireNonNull(overrides, "overrides");
            Objects.requireNonNull(defaults, "defaults");
        }
    }

    /**
     * What {@code /export} and {@code /forget me} need: the stores holding rows about users, the way
     * to a user's private chat, and who asked to be forgotten.
     */
    public record PrivacySetup(PersonalDataHolders holders, PrivateDelivery delivery,
            ForgetConfirmations confirmations) {

        public PrivacySetup {
            Objects.requireNonNull(holders, "holders");
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(confirmations, "confirmations");
        }

        PrivacyCommands commands(AdminChanges changes) {
            return new PrivacyCommands(holders, delivery, confirmations, changes);
        }
    }

    /**
     * Collects a command service's collaborators. Settings, policies, moderator, memory, audit log
     * and clock are required; without personas {@code /bot persona} says there are none, without a
     * queue {@code /stop} has nothing to stop, without rate limits or channel settings
     * {@code /ratelimit} or {@code /bot channel} cannot be used, without a conversation history
     * {@code /bot history} says conversations are kept in memory only, and without quotas
     * {@code /quota} and {@code /usage} say they are not kept.
     */
    public static final class Builder {

        private @Nullable SettingsStore settings;
        private @Nullable ModerationPolicies policies;
        private @Nullable Moderator moderator;
        private @Nullable ConversationMemory memory;
        private @Nullable AuditLog audit;
        private @Nullable InstantSource clock;
        private @Nullable PersonaSelector personas;
        private @Nullable PersonaRules personaRules;
        private @Nullable InferenceQueue queue;
        private @Nullable RateLimitSetup rateLimits;
        private @Nullable ChannelSettingsStore channels;
        private @Nullable ConversationHistory history;
        private @Nullable HotSwap swap;
        private @Nullable ExperimentReport experiment;
        private @Nullable Operators operators;
        private @Nullable AccessControl access;
        private @Nullable Quotas quotas;
        private @Nullable ReviewQueue reviews;
        private @Nullable PrivacySetup privacy;
        private @Nullable FeedbackConsent feedbackConsent;
        private @Nullable FeedbackLog feedbackLog;
        private @Nullable DatasetExportSetup datasets;

        private Builder() {}

        /** How {@code /dataset export} writes and sends the fine-tuning files; without it the command is unavailable. */
        public Builder datasets(DatasetExportSetup datasets) {
            this.datasets = Objects.requireNonNull(datasets, "datasets");
            return this;
        }

        /** The users' own data, for {@code /export} and {@code /forget me}; without it they are unavailable. */
        public Builder privacy(PrivacySetup privacy) {
            this.privacy = Objects.requireNonNull(privacy, "privacy");
            return this;
        }

        /** The model {@code /model} shows and replaces, and who may do that; without it {@code /model} is unavailable. */
        public Builder models(HotSwap swap, Operators operators) {
            this.swap = Objects.requireNonNull(swap, "swap");
            this.operators = Objects.requireNonNull(operators, "operators");
            return this;
        }

        /** The A/B report {@code /model experiment show} gives; without it the command says none runs. */
        public Builder experiment(ExperimentReport experiment) {
            this.experiment = Objects.requireNonNull(experiment, "experiment");
            return this;
        }

        /** Where the scopes' moderation settings are kept. */
        public Builder settings(SettingsStore settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The scopes' policies, invalidated after each change. */
        public Builder policies(ModerationPolicies policies) {
            this.policies = Objects.requireNonNull(policies, "policies");
            return this;
        }

        /** Judges the texts of {@code /moderation test}. */
        public Builder moderator(Moderator moderator) {
            this.moderator = Objects.requireNonNull(moderator, "moderator");
            return this;
        }

        /** The conversations {@code /reset} forgets. */
        public Builder memory(ConversationMemory memory) {
            this.memory = Objects.requireNonNull(memory, "memory");
            return this;
        }

        /** Where admins' changes are written. */
        public Builder audit(AuditLog audit) {
            this.audit = Objects.requireNonNull(audit, "audit");
            return this;
        }

        /** The time written into audit entries. */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The personas {@code /persona} and {@code /bot persona} show, choose, create, edit and delete. */
        public Builder personas(PersonaSelector personas) {
            this.personas = Objects.requireNonNull(personas, "personas");
            return this;
        }

        /** What a scope's own persona may be; without, {@link PersonaRules#defaultsFor} the personas. */
        public Builder personaRules(PersonaRules personaRules) {
            this.personaRules = Objects.requireNonNull(personaRules, "personaRules");
            return this;
        }

        /** The queue {@code /stop} withdraws the author's requests from. */
        public Builder queue(InferenceQueue queue) {
            this.queue = Objects.requireNonNull(queue, "queue");
            return this;
        }

        /** The limits {@code /ratelimit} shows and the store of the scopes' overrides. */
        public Builder rateLimits(RateLimitSetup rateLimits) {
            this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
            return this;
        }

        /**
         * Where channels' settings are kept, for {@code /bot channel} and {@code /moderation channel}:
         * the store the pipeline and the moderation policies read.
         */
        public Builder channels(ChannelSettingsStore channels) {
            this.channels = Objects.requireNonNull(channels, "channels");
            return this;
        }

        /**
         * The conversation history {@code /bot history} switches per scope: the one the memory
         * stores through, so that {@code /reset} deletes what it stored.
         */
        public Builder history(ConversationHistory history) {
            this.history = Objects.requireNonNull(history, "history");
            return this;
        }

        /** Who may use the bot, for {@code /bot block|allow|unblock|blocked|mute|unmute} and {@code /strikes}. */
        public Builder access(AccessControl access) {
            this.access = Objects.requireNonNull(access, "access");
            return this;
        }

        /** The budgets {@code /quota} sets and {@code /usage} reports: the ones the pipeline checks. */
        public Builder quotas(Quotas quotas) {
            this.quotas = Objects.requireNonNull(quotas, "quotas");
            return this;
        }

        /** The review queue {@code /review} lists and resolves; without it, blocks are not kept for review. */
        public Builder reviews(ReviewQueue reviews) {
            this.reviews = Objects.requireNonNull(reviews, "reviews");
            return this;
        }

        /** Who agreed to feedback and what it recorded, for {@code /bot feedback}; without, it is not kept. */
        public Builder feedback(FeedbackConsent consent, FeedbackLog log) {
            this.feedbackConsent = Objects.requireNonNull(consent, "consent");
            this.feedbackLog = Objects.requireNonNull(log, "log");
            return this;
        }

        /** The command service; throws {@link IllegalStateException} naming a missing required collaborator. */
        public CommandService build() {
            return new CommandService(this);
        }
    }

    private static <T> T required(@Nullable T part, String name) {
        if (part == null) {
            throw new IllegalStateException("CommandService needs " + name + "; call Builder." + name + "(...)");
        }
        return part;
    }

    /**
     * Whether {@code command} is about its author's own data ({@code /export}, {@code /forget}):
     * such a command runs for a blocked or muted author too (docs/privacy.md).
     */
    public static boolean aboutOwnData(CommandLine command) {
        return command.name().equals("export") || command.name().equals("forget");
    }

    /** Runs {@code command}, written by the author of {@code message}, and returns the answer. */
    public String handle(CommandLine command, InboundMessage message) {
        return switch (command.name()) {
            case "help" -> HelpTopics.answer(command.word(0));
            case "start" -> HelpTopics.OVERVIEW;
            case "reset" -> conversation.reset(message);
            case "stop" -> conversation.stop(message);
            case "bot" -> bot(command, message);
            case "persona" -> personas == null ? PersonaCommands.NONE : personas.handle(command, message);
            case "ratelimit" -> rateLimits == null ? "Rate limits cannot be changed here." : rateLimits.handle(command, message);
            case "moderation" -> message.author().admin()
                    ? moderation.handle(command, message)
                    : "Only admins of this " + scopeNoun(message) + " can change moderation.";
            case "strikes" -> strikes == null ? "Strikes are not kept here." : strikes.handle(command, message);
            case "quota" -> quotaCommands == null ? "Quotas are not kept here." : quotaCommands.handle(command, message);
            case "usage" -> usageCommands == null ? "Usage is not counted here." : usageCommands.handle(command, message);
            case "audit" -> message.author().admin()
                    ? auditCommands.handle(command, message)
                    : "Only admins of this " + scopeNoun(message) + " can read its audit log.";
            case "review" -> reviews == null ? "Blocks are not kept for review here." : reviews.handle(command, message);
            case "export" -> privacy == null ? PrivacyCommands.UNAVAILABLE : privacy.export(message);
            case "forget" -> privacy == null ? PrivacyCommands.UNAVAILABLE : privacy.forget(command, message);
            case "dataset" -> datasets == null ? "Datasets cannot be exported here." : datasets.handle(command, message);
            case "model" -> models == null ? "The model cannot be changed while the bot runs here." : models.handle(command, message);
            default -> "Unknown command /" + command.name() + ". Try /help.";
        };
    }

    /** {@code /bot persona|channel ...}: the channel's persona or reply mode. */
    private String bot(CommandLine command, InboundMessage message) {
        return switch (command.word(0)) {
            case "persona" -> personas == null ? PersonaCommands.NONE : personas.bot(command, message);
            case "channel" -> channels == null ? "Reply modes cannot be set here." : channels.handle(command, message);
            case "history" -> history == null ? HistoryCommands.UNAVAILABLE : history.handle(command, message);
            case "feedback" -> feedback == null ? FeedbackCommands.UNAVAILABLE : feedback.handle(command, message);
            case "block", "allow", "unblock", "blocked", "mute", "unmute" -> access == null
                    ? "Access lists cannot be changed here." : access.handle(command, message);
            default -> "Usage: /bot persona [name] | /bot channel [auto-reply|mention-only|off]"
                    + " | /bot history [on|off|show] | /bot feedback [on|off|show|optout|optin] | /bot block|allow|unblock <user|role|channel> <id> [reason]"
                    + " | /bot blocked | /bot mute <user> <30m|2h|1d> [reason] | /bot unmute <user>. See /help bot.";
        };
    }

    static String scopeNoun(InboundMessage message) {
        return switch (message.location().platform()) {
            case DISCORD -> "server";
            case TELEGRAM -> "chat";
            case CONSOLE -> "console";
        };
    }
}
