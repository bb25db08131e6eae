package dev.parley.model.moderation;

import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ModelException;
import dev.parley.core.model.ReplyStream;
import dev.parley.core.moderation.Assessment;
import dev.parley.core.moderation.ModerationProvider;
import dev.parley.core.moderation.ModerationRequest;
import dev.parley.core.moderation.ModerationUnavailableException;
import dev.parley.model.llama.LlamaChatModel;
import dev.parley.model.llama.LlamaSettings;
import dev.parley.model.llama.SpecialTokenSanitizer;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ModerationProvider} that asks a guard model, run in this process with llama.cpp as a
 * second {@link LlamaChatModel} beside the chat model (its own GGUF, threads, context and slots).
 * Each text gets the prompt of the model's {@link GuardFormat} and a greedy answer of at most the
 * format's answer length; the format turns the answer into scores in Parley's categories.
 *
 * <p>An answer that does not parse (another model, a cut-off answer, the gibberish of a model with
 * random weights), a prompt longer than the guard's context, a failure of llama.cpp or an answer
 * slower than the guard's generation timeout ({@link LlamaSettings#generationTimeout()}) throws
 * {@link ModerationUnavailableException}, so the policy's failure mode decides: the provider never
 * guesses a verdict. The slot is freed whatever happens. Thread-safe; up to
 * {@link LlamaSettings#parallel()} texts are judged at once.
 *
 * <p>Which formats' models load today: see {@link GuardFormat}.
 */
public final class GuardModelProvider implements ModerationProvider, AutoCloseable {

    private final LlamaChatModel model;
    private final GuardFormat format;
    private final GenerationSettings greedy;
    private final SpecialTokenSanitizer sanitizer;
    private final boolean withBeginOfText;

    /** A provider asking {@code model} in {@code format}; it closes the model on {@link #close()}. */
    public GuardModelProvider(LlamaChatModel model, GuardFormat format) {
        this.model = Objects.requireNonNull(model, "model");
        this.format = Objects.requireNonNull(format, "format");
        this.greedy = new GenerationSettings(format.maxAnswerTokens(), 0f, 0);
        this.sanitizer = new SpecialTokenSanitizer(model.header().specialTokens());
        // llama.cpp adds <|begin_of_text|> itself unless the file says not to
        this.withBeginOfText = Boolean.FALSE.equals(model.header().metadata().get("tokenizer.ggml.add_bos_token"));
    }

    /**
     * Checks the guard model against {@code format} ({@link GuardFormat#check}) and loads it.
     *
     * @throws dev.parley.model.gguf.InvalidModelFileException if the file is missing, not a usable
     *     GGUF, of an architecture the runtime's llama.cpp does not load,
     *     or a model of the other format's family
     * @throws ModelException if llama.cpp cannot load it
     */
    public static GuardModelProvider load(LlamaSettings settings, GuardFormat format) {
        format.check(settings.modelPath());
        return new GuardModelProvider(LlamaChatModel.load(settings), format);
    }

    /** {@code "guard"}. */
    @Override
    public String name() {
        return "guard";
    }

    @Override
    public Assessment assess(ModerationRequest request) {
        String answer = complete(prompt(request));
        Optional<Assessment> assessment = format.read(answer);
        if (assessment.isEmpty()) {
            // the answer is the model's, not the user's, but a confused model may echo the text
            throw new ModerationUnavailableException("guard: the answer was not a " + format.title() + " verdict ("
                    + answer.codePointCount(0, answer.length()) + " characters)");
        }
        return assessment.get();
    }

    /** The prompt for {@code request}, its text rid of the guard model's special-token text. */
    String prompt(ModerationRequest request) {
        return format.prompt(sanitizer.sanitize(request.text()), request.direction(), withBeginOfText);
    }

    /** The format the guard is asked and read in. */
    public GuardFormat format() {
        return format;
    }

    /** The guard model, for health checks and tests. */
    public LlamaChatModel model() {
        return model;
    }

    /** Frees the guard model (see {@link LlamaChatModel#close()}). */
    @Override
    public void close() {
        model.close();
    }

    private String complete(String prompt) {
        try (ReplyStream stream = model.streamPrompt(prompt, greedy)) {
            return stream.rest();
        } catch (ModelException | IllegalStateException e) {
            throw new ModerationUnavailableException("guard: " + e.getMessage(), e);
        }
    }
}
