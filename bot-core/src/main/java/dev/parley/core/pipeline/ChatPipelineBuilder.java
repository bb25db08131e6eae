package dev.parley.core.pipeline;

import dev.parley.core.access.AccessControl;
import dev.parley.core.audit.AuditHash;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.audit.BlockReports;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.experiment.Experiment;
import dev.parley.core.feedback.FeedbackRecorder;
import dev.parley.core.regenerate.RegenerableAnswers;
import dev.parley.core.model.ChatModel;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.quota.Quotas;
import dev.parley.core.ratelimit.LimitOverrides;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.settings.ChannelSettingsStore;
import dev.parley.core.settings.InMemoryChannelSettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import java.time.InstantSource;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Collects a pipeline's collaborators. Settings, commands, policies, moderator, rate limiter,
 * queue, model, memory, audit log and clock are required. Without personas the pipeline has one,
 * made of the settings' system prompt and sampling; without overrides the settings' rate limits
 * hold everywhere; without channel settings every channel answers mentions only; without block
 * reports or events nobody hears of them; without an audit hash, blocked texts are hashed under a
 * key made for this pipeline, so their hashes match only until the process ends.
 */
public final class ChatPipelineBuilder {

    private @Nullable PipelineSettings settings;
    private @Nullable CommandService commands;
    private @Nullable ModerationPolicies policies;
    private @Nullable Moderator moderator;
    private @Nullable RateLimiter rateLimiter;
    private @Nullable InferenceQueue queue;
    private @Nullable ChatModel model;
    private @Nullable ConversationMemory memory;
    private @Nullable AuditLog audit;
    private @Nullable InstantSource clock;
    private @Nullable PersonaSelector personas;
    private LimitOverrides overrides = LimitOverrides.none();
    private ChannelSettingsStore channels = new InMemoryChannelSettingsStore();
    private BlockReports reports = BlockReports.NONE;
    private PipelineEvents events = PipelineEvents.NONE;
    private AcceptedQuestions questions = new InMemoryAcceptedQuestions();
    private @Nullable AuditHash auditHash;
    private @Nullable AccessControl access;
    private @Nullable Quotas quotas;
    private @Nullable FeedbackRecorder feedback;
    private @Nullable RegenerableAnswers regenerable;
    private Experiment experiment = Experiment.off();

    ChatPipelineBuilder() {}

    /** Input size, default sampling and system prompt, rate limits and when to tell a queue position. */
    public ChatPipelineBuilder settings(PipelineSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** Answers the commands addressed to the bot. */
    public ChatPipelineBuilder commands(CommandService commands) {
        this.commands = Objects.requireNonNull(commands, "commands");
        return this;
    }

    /** Each scope's (and channel's) moderation policy. */
    public ChatPipelineBuilder policies(ModerationPolicies policies) {
        this.policies = Objects.requireNonNull(policies, "policies");
        return this;
    }

    /** Judges questions and the answers as they stream. */
    public ChatPipelineBuilder moderator(Moderator moderator) {
        this.moderator = Objects.requireNonNull(moderator, "moderator");
        return this;
    }

    /** Counts messages against the user, channel and server limits. */
    public ChatPipelineBuilder rateLimiter(RateLimiter rateLimiter) {
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        return this;
    }

    /** The fair queue in front of the model's slots. */
    public ChatPipelineBuilder queue(InferenceQueue queue) {
        this.queue = Objects.requireNonNull(queue, "queue");
        return this;
    }

    /** The model that answers. */
    public ChatPipelineBuilder model(ChatModel model) {
        this.model = Objects.requireNonNull(model, "model");
        return this;
    }

    /** The conversations each prompt continues. */
    public ChatPipelineBuilder memory(ConversationMemory memory) {
        this.memory = Objects.requireNonNull(memory, "memory");
        return this;
    }

    /** Where blocks are written. */
    public ChatPipelineBuilder audit(AuditLog audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
        return this;
    }

    /** The pipeline's time: audit entries, waits, the duplicate window. */
    public ChatPipelineBuilder clock(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * The persona of each message's channel, whose system prompt, sampling and adapter scales
     * are used instead of the settings' own.
     */
    public ChatPipelineBuilder personas(PersonaSelector personas) {
        this.personas = Objects.requireNonNull(personas, "personas");
        return this;
    }

    /** The rate limits each scope's admins set instead of the settings' ones. */
    public ChatPipelineBuilder overrides(LimitOverrides overrides) {
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        return this;
    }

    /**
     * Each channel's reply mode, as its admins chose: every message, only mentions and
     * replies, or only commands.
     */
    public ChatPipelineBuilder channels(ChannelSettingsStore channels) {
        this.channels = Objects.requireNonNull(channels, "channels");
        return this;
    }

    /** Where blocks are reported when the scope's policy names an audit channel. */
    public ChatPipelineBuilder reports(BlockReports reports) {
        this.reports = Objects.requireNonNull(reports, "reports");
        return this;
    }

    /** Hears each message's outcome and the time to the first visible text of each answer. */
    public ChatPipelineBuilder events(PipelineEvents events) {
        this.events = Objects.requireNonNull(events, "events");
        return this;
    }

    /**
     * Where each question is kept from its acceptance into the queue until it is finished, so
     * that {@link ChatPipeline#resume} can take it again after a crash; in memory by default.
     */
    public ChatPipelineBuilder questions(AcceptedQuestions questions) {
        this.questions = Objects.requireNonNull(questions, "questions");
        return this;
    }

    /**
     * How blocked texts are named in the audit log and block reports: keyed with this
     * installation's secret, so hashes match across restarts and cannot be confirmed by guessing.
     */
    public ChatPipelineBuilder auditHash(AuditHash auditHash) {
        this.auditHash = Objects.requireNonNull(auditHash, "auditHash");
        return this;
    }

    /**
     * Who may use the bot where: served scopes, block and allow lists, mutes and strikes; by default
     * everyone, with strikes and mutes kept in memory.
     */
    public ChatPipelineBuilder access(AccessControl access) {
        this.access = Objects.requireNonNull(access, "access");
        return this;
    }

    /**
     * The budgets per day and month a question is checked against before it is queued, and
     * charged to when it is answered; without them nothing is limited or counted.
     */
    public ChatPipelineBuilder quotas(Quotas quotas) {
        this.quotas = Objects.requireNonNull(quotas, "quotas");
        return this;
    }

    /** Records finished answers for feedback where it is on; without, nothing is recorded. */
    public ChatPipelineBuilder feedback(FeedbackRecorder feedback) {
        this.feedback = Objects.requireNonNull(feedback, "feedback");
        return this;
    }

    /** The answers that offer Regenerate; without, no answer offers it. */
    public ChatPipelineBuilder regenerable(RegenerableAnswers regenerable) {
        this.regenerable = Objects.requireNonNull(regenerable, "regenerable");
        return this;
    }

    /** The A/B experiment that picks each conversation's adapter; without, none runs. */
    public ChatPipelineBuilder experiment(Experiment experiment) {
        this.experiment = Objects.requireNonNull(experiment, "experiment");
        return this;
    }

    /** The pipeline; throws {@link IllegalStateException} naming a missing required collaborator. */
    public ChatPipeline build() {
        return new ChatPipeline(new Parts(required(settings, "settings"), required(commands, "commands"),
                required(policies, "policies"), required(moderator, "moderator"),
                required(rateLimiter, "rateLimiter"), required(queue, "queue"), required(model, "model"),
                required(memory, "memory"), required(audit, "audit"), required(clock, "clock"), personas,
                overrides, channels, reports, events, questions, auditHash, access,
                quotas != null ? quotas : Quotas.unlimited(clock),
                feedback != null ? feedback : FeedbackRecorder.off(clock), experiment,
                regenerable != null ? regenerable : new RegenerableAnswers(clock)));
    }

    private static <T> T required(@Nullable T part, String name) {
        if (part == null) {
            throw new IllegalStateException("ChatPipeline needs " + name + "; call Builder." + name + "(...)");
        }
        return part;
    }

    /** The collaborators a built pipeline is made of, the required ones checked present. */
    record Parts(PipelineSettings settings, CommandService commands, ModerationPolicies policies,
            Moderator moderator, RateLimiter rateLimiter, InferenceQueue queue, ChatModel model,
            ConversationMemory memory, AuditLog audit, InstantSource clock, @Nullable PersonaSelector personas,
            LimitOverrides overrides, ChannelSettingsStore channels, BlockReports reports, PipelineEvents events,
            AcceptedQuestions questions, @Nullable AuditHash auditHash, @Nullable AccessControl access,
            Quotas quotas, FeedbackRecorder feedback, Experiment experiment, RegenerableAnswers regenerable) {}
}
