package dev.parley.core.modelswap;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ReplyStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Replaces the serving model with another without a restart: loads the candidate, checks it (the
 * loader's file checks, the context it gives, a short test generation) and only then points new
 * replies at it ({@link SwappableChatModel#switchTo}). A candidate that fails a check is closed
 * and the serving model stays. One swap runs at a time; the model served before the last switch
 * is remembered (as files, not in memory) for {@link #rollback()}.
 */
public final class HotSwap {

    /** The prompt of the test generation; any model that chats answers it. */
    static final String TEST_PROMPT = "hello";
    /** Tokens of the test generation: enough to run the model end to end, few enough to be quick. */
    static final int TEST_TOKENS = 4;

    private final SwappableChatModel target;
    private final ModelLoader loader;
    private final SwapEvents events;
    private final InstantSource clock;
    private final int requiredContext;
    private final ReentrantLock swapping = new ReentrantLock();
    private volatile Serving serving;
    private @Nullable ModelSpec previous; // guarded by swapping

    /**
     * What serves now and since when.
     *
     * @param info the serving model
     * @param since when it started serving
     */
    public record Serving(ModelInfo info, Instant since) {

        public Serving {
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(since, "since");
        }
    }

    /**
     * A swap for {@code target}, whose serving model {@code initial} describes.
     *
     * @param requiredContext the fewest tokens of context per slot a candidate must give: the
     *     conversation memory's budget was set for it
     */
    public HotSwap(SwappableChatModel target, ModelInfo initial, ModelLoader loader, SwapEvents events,
            InstantSource clock, int requiredContext) {
        this.target = Objects.requireNonNull(target, "target");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (requiredContext < 1) {
            throw new IllegalArgumentException("requiredContext must be positive, was " + requiredContext);
        }
        this.requiredContext = requiredContext;
        this.serving = new Serving(Objects.requireNonNull(initial, "initial"), clock.instant());
    }

    /** The model serving now. */
    public Serving serving() {
        return serving;
    }

    /** Loads and checks {@code candidate}; if it passes, it serves new replies from now on. */
    public SwapOutcome load(ModelSpec candidate) {
        Objects.requireNonNull(candidate, "candidate");
        if (!swapping.tryLock()) {
            return new SwapOutcome.NotTried("Another model is being loaded; try again when it is done.");
        }
        try {
            return swap(candidate);
        } finally {
            swapping.unlock();
        }
    }

    /** Loads the model that served before the last switch again, checked like any candidate. */
    public SwapOutcome rollback() {
        if (!swapping.tryLock()) {
            return new SwapOutcome.NotTried("Another model is being loaded; try again when it is done.");
        }
        try {
            ModelSpec back = previous;
            if (back == null) {
                return new SwapOutcome.NotTried("There is no previous model to roll back to.");
            }
            return swap(back);
        } finally {
            swapping.unlock();
        }
    }

    private SwapOutcome swap(ModelSpec candidate) {
        LoadedModel loaded;
        try {
            loaded = loader.load(candidate);
        } catch (ModelRejectedException e) {
            return refused(candidate, e.getMessage());
        } catch (RuntimeException e) {
            // a loader's bug must not cost the serving model: refuse, naming what went wrong
            return refused(candidate, "could not load " + candidate.model().getFileName() + ": " + e);
        }
        String problem = check(loaded);
        if (problem != null) {
            loaded.model().close();
            return refused(candidate, problem);
        }
        Serving before = serving;
        LoadedModel previousModel = new LoadedModel(target.serving(), before.info());
        target.switchTo(loaded.model());
        serving = new Serving(loaded.info(), clock.instant());
        previous = before.info().spec();
        events.switched(previousModel, loaded);
        return new SwapOutcome.Switched(before.info(), loaded.info());
    }

    /** What is wrong with a loaded candidate, or null if it may serve. */
    private @Nullable String check(LoadedModel candidate) {
        int context = candidate.model().contextSize();
        if (context < requiredContext) {
            return candidate.info().spec().model().getFileName() + " gives " + context + " tokens of context per slot;"
                    + " the bot needs " + requiredContext;
        }
        var request = new ChatRequest(List.of(ChatTurn.user(TEST_PROMPT)), new GenerationSettings(TEST_TOKENS, 0f, 1));
        try (ReplyStream test = candidate.model().stream(request)) {
            if (test.rest().isEmpty()) {
                return "the test generation of " + candidate.info().spec().model().getFileName() + " produced no text";
            }
        } catch (RuntimeException e) {
            return "the test generation of " + candidate.info().spec().model().getFileName() + " failed: "
                    + oneLine(e.getMessage());
        }
        return null;
    }

    private SwapOutcome refused(ModelSpec candidate, @Nullable String reason) {
        String line = oneLine(reason);
        events.refused(candidate, line);
        return new SwapOutcome.Refused(line);
    }

    private static String oneLine(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return "no reason given";
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
