package dev.parley.core.pipeline;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.command.CommandLine;
import dev.parley.core.command.CommandService;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.MessageTooLongException;
import dev.parley.core.conversation.Prompt;
import dev.parley.core.model.ChatModel;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.ModelException;
import dev.parley.core.model.ReplyStream;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModeratedStream;
import dev.parley.core.moderation.ModerationPolicies;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.persona.Persona;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueAdmission;
import dev.parley.core.queue.QueuedRequest;
import dev.parley.core.ratelimit.Admission;
import dev.parley.core.ratelimit.RateLimiter;
import dev.parley.core.settings.ScopeKey;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The path of one message through the bot, as DESIGN.md draws it: commands go to the command
 * service; a message addressed to the bot is moderated, rate-limited, queued, answered by the model
 * with its reply moderated as it streams, and remembered. Every refusal is told to the user through
 * the {@link ReplySink} and ends in an {@link Outcome}; nothing is dropped silently.
 *
 * <p>Knows no platform, framework or native code; thread-safe.
 */
public final class ChatPipeline {

    private static final Logger LOG = System.getLogger(ChatPipeline.class.getName());

    private final PipelineSettings settings;
    private final CommandService commands;
    private final ModerationPolicies policies;
    private final Moderator moderator;
    private final RateLimiter rateLimiter;
    private final InferenceQueue queue;
    private final ChatModel model;
    private final ConversationMemory memory;
    private final AuditLog audit;
    private final InstantSource clock;
    private final PersonaSelector personas;

    /** A pipeline with one persona, made of the settings' system prompt and sampling. */
    public ChatPipeline(PipelineSettings settings, CommandService commands, ModerationPolicies policies,
            Moderator moderator, RateLimiter rateLimiter, InferenceQueue queue, ChatModel model,
            ConversationMemory memory, AuditLog audit, InstantSource clock) {
        this(settings, commands, policies, moderator, rateLimiter, queue, model, memory, audit, clock,
                PersonaSelector.only(new Persona("default", settings.systemPrompt(), settings.generation())));
    }

    /**
     * A pipeline whose system prompt, sampling and adapter scales come from the persona of each
     * message's channel; {@code settings}' own system prompt and sampling are then unused.
     */
    public ChatPipeline(PipelineSettings settings, CommandService commands, ModerationPolicies policies,
            Moderator moderator, RateLimiter rateLimiter, InferenceQueue queue, ChatModel model,
            ConversationMemory memory, AuditLog audit, InstantSource clock, PersonaSelector personas) {
        this.personas = personas;
        this.settings = settings;
        this.commands = commands;
        this.policies = policies;
        this.moderator = moderator;
        this.rateLimiter = rateLimiter;
        this.queue = queue;
        this.model = model;
        this.memory = memory;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Handles one message. Returns at once; the future completes when the reply (or the notice
     * that replaced it) has been handed to {@code sink}.
     */
    public CompletableFuture<Outcome> handle(InboundMessage message, ReplySink sink) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        try {
            Outcome decided = admit(message, sink, outcome);
            if (decided != null) {
                outcome.complete(decided);
            }
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
        }
        return outcome.whenComplete((result, failure) -> log(message, result, failure));
    }

    /** Steps 1 to 3 of the path; returns the outcome, or null when the request was queued. */
    private @Nullable Outcome admit(InboundMessage message, ReplySink sink, CompletableFuture<Outcome> outcome) {
        if (message.author().bot()) {
            return new Outcome.Ignored("author is a bot");
        }
        if (message.text().isBlank()) {
            return new Outcome.Ignored("no text");
        }
        if (message.text().length() > settings.maxInputChars()) {
            String reason = "Your message has " + message.text().length() + " characters; I read at most "
                    + settings.maxInputChars() + ".";
            sink.notice(new Notice(Notice.Kind.TOO_LONG, reason));
            return new Outcome.TooLong(reason);
        }
        CommandLine command = CommandLine.parse(message.text());
        if (command != null) {
            String reply = commands.handle(command, message);
            sink.notice(new Notice(Notice.Kind.COMMAND_REPLY, reply));
            return new Outcome.CommandAnswered(reply);
        }
        if (!message.addressedToBot()) {
            return new Outcome.Ignored("not addressed to the bot");
        }

        ScopeKey scope = ScopeKey.of(message.location());
        ModerationPolicy policy = policies.forScope(scope);
        boolean exempt = policy.exempts(message.author().roles());
        if (!exempt && moderator.moderate(message.text(), Direction.INPUT, policy) instanceof Verdict.Block block) {
            auditBlock(message, Direction.INPUT, block);
            sink.notice(new Notice(Notice.Kind.INPUT_BLOCKED, policy.notice(Direction.INPUT, block)));
            return new Outcome.Blocked(Direction.INPUT, block);
        }

        if (rateLimiter.tryAcquire(userKey(message), settings.userLimit()) instanceof Admission.Limited limited) {
            if (limited.firstInWindow()) {
                sink.notice(new Notice(Notice.Kind.RATE_LIMITED,
                        "You are sending messages too fast; you can ask again in " + seconds(limited.retryAfter()) + " s."));
            }
            return new Outcome.RateLimited(limited.retryAfter());
        }

        try {
            // checked now so a hopeless message is refused before it waits; built again when it runs
            prompt(message, personas.personaFor(message.location()));
        } catch (MessageTooLongException e) {
            String reason = "Your message is too long for the model (" + e.tokens() + " tokens; it has room for "
                    + e.budget() + ").";
            sink.notice(new Notice(Notice.Kind.TOO_LONG, reason));
            return new Outcome.TooLong(reason);
        }

        QueueAdmission admission = queue.submit(new QueuedRequest() {
            @Override
            public void run() {
                try {
                    outcome.complete(answer(message, policy, sink));
                } catch (RuntimeException | Error e) {
                    outcome.completeExceptionally(e); // a broken sink must not leave the caller waiting
                }
            }

            @Override
            public void abandon() {
                try {
                    sink.notice(new Notice(Notice.Kind.FAILED, "I am restarting and could not answer this; please ask again in a minute."));
                } finally {
                    outcome.complete(new Outcome.Failed("abandoned at shutdown"));
                }
            }
        });
        if (admission instanceof QueueAdmission.Full) {
            sink.notice(new Notice(Notice.Kind.BUSY, "I am busy with other questions right now; please try again in a minute."));
            return new Outcome.Busy();
        }
        return null;
    }

    /** Steps 4 to 7: runs on a queue thread. */
    private Outcome answer(InboundMessage message, ModerationPolicy policy, ReplySink sink) {
        // built when the request runs, so it sees exchanges (and /reset) that happened while it waited
        Persona persona = personas.personaFor(message.location());
        Prompt prompt = prompt(message, persona);
        ModeratedStream moderated = moderator.stream(policy);
        try (ReplyStream stream = open(new ChatRequest(prompt.turns(), persona.generation(), persona.adapterScales()))) {
            int shown = 0;
            for (String piece = next(stream); piece != null; piece = next(stream)) {
                if (moderated.offer(piece) instanceof Verdict.Block block) {
                    return withdraw(message, policy, sink, block);
                }
                String visible = moderated.releasable();
                if (visible.length() > shown) {
                    shown = visible.length();
                    sink.progress(visible);
                }
            }
            if (moderated.finish() instanceof Verdict.Block block) {
                return withdraw(message, policy, sink, block);
            }
        } catch (ModelFailure e) {
            LOG.log(Level.WARNING, "message={0} model failed: {1}", message.messageId(), e.getMessage());
            sink.notice(new Notice(Notice.Kind.FAILED, "Sorry, the model could not answer this time."));
            return new Outcome.Failed(String.valueOf(e.getMessage()));
        }
        String reply = moderated.releasable().strip();
        if (reply.isEmpty()) {
            sink.notice(new Notice(Notice.Kind.FAILED, "The model gave an empty answer; please rephrase."));
            return new Outcome.Failed("empty reply");
        }
        sink.complete(reply);
        memory.remember(message.conversationKey(), message.text(), reply);
        return new Outcome.Answered(reply, prompt.droppedTurns());
    }

    private Prompt prompt(InboundMessage message, Persona persona) {
        int budget = model.contextSize() - persona.generation().maxNewTokens();
        return memory.promptFor(message.conversationKey(), persona.systemPrompt(), message.text(), budget);
    }

    private ReplyStream open(ChatRequest request) throws ModelFailure {
        try {
            return model.stream(request);
        } catch (ModelException | IllegalStateException e) {
            throw new ModelFailure(e);
        }
    }

    private static @Nullable String next(ReplyStream stream) throws ModelFailure {
        try {
            return stream.next();
        } catch (ModelException | IllegalStateException e) {
            throw new ModelFailure(e);
        }
    }

    /**
     * The model failed, as opposed to the sink: only the model's own errors become a FAILED notice,
     * while a sink's exception (an adapter's {@code IllegalStateException} included) fails the future.
     */
    private static final class ModelFailure extends Exception {
        ModelFailure(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private Outcome withdraw(InboundMessage message, ModerationPolicy policy, ReplySink sink, Verdict.Block block) {
        auditBlock(message, Direction.OUTPUT, block);
        sink.withdraw(new Notice(Notice.Kind.OUTPUT_BLOCKED, policy.notice(Direction.OUTPUT, block)));
        return new Outcome.Blocked(Direction.OUTPUT, block);
    }

    private void auditBlock(InboundMessage message, Direction direction, Verdict.Block block) {
        String detail = "category=" + block.category() + " rule=" + block.rule() + " message=" + message.messageId();
        audit.record(new AuditEntry(clock.instant(), ScopeKey.of(message.location()), message.author().id(),
                "moderation.block." + direction.name().toLowerCase(Locale.ROOT), detail));
    }

    private static String userKey(InboundMessage message) {
        var where = message.location();
        return "user:" + where.platform() + ":" + where.scopeId() + ":" + message.author().id();
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    private static void log(InboundMessage message, @Nullable Outcome outcome, @Nullable Throwable failure) {
        if (failure != null) {
            LOG.log(Level.ERROR, "message=" + message.messageId() + " failed", failure);
            return;
        }
        LOG.log(Level.INFO, "message={0} platform={1} scope={2} outcome={3}", message.messageId(),
                message.location().platform(), message.location().scopeId(),
                outcome == null ? "none" : outcome.getClass().getSimpleName());
    }
}
