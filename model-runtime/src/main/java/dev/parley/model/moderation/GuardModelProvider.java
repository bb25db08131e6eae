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
 * format's answer length; the format turns the answer into scores in Parley's categories. A reply
 * is judged after the user's message it answers when the request carries it
 * ({@link ModerationRequest#inReplyTo()}), as both formats' models were trained to judge replies.
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

    /**
     * The most of the message a reply answers that goes into the guard's prompt, from its end, where
     * a request after a long preamble is: enough for the question, and a long message cannot push
     * the reply out of the guard's context.
     */
    static final int IN_REPLY_TO_CHARS = 2_000;

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

    /** True: a reply is judged after the message it answers, when the request carries it. */
    @Override
    public boolean readsPrompt() {
        return true;
    }

    /**
     * The prompt for {@code request}, its texts rid of the guard model's special-token text; of the
     * message a reply answers, at most its last {@value #IN_REPLY_TO_CHARS} characters.
     */
    String prompt(ModerationRequest request) {
        String inReplyTo = request.inReplyTo();
        return format.prompt(sanitizer.sanitize(request.text()), request.direction(),
                inReplyTo == null ? null : sanitizer.sanitize(ending(inReplyTo)), withBeginOfText);
    }

    /** The last {@value #IN_REPLY_TO_CHARS} characters of {@code text}, not starting inside a character. */
    private static String ending(String text) {
        if (text.length() <= IN_REPLY_TO_CHARS) {
            return text;
        }
        int start = text.length() - IN_REPLY_TO_CHARS;
        return text.substring(Character.isLowSurrogate(text.charAt(start)) ? start + 1 : start);
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
