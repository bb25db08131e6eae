package dev.parley.model.moderation;

import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ModelException;
import dev.parley.core.model.ReplyStream;
import dev.parley.core.moderation.Assessment;
import dev.parley.core.moderation.ModerationProvider;
import dev.parley.core.moderation.ModerationRequest;
import dev.parley.core.moderation.ModerationUnavailableException;
import dev.parley.model.llama.LlamaChatModel;
import dev.parley.model.llama.LlamaNativeLibrary;
import dev.parley.model.llama.LlamaSettings;
import dev.parley.model.llama.SpecialTokenSanitizer;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ModerationProvider} that asks a Llama Guard 3 model, run in this process with llama.cpp
 * as a second {@link LlamaChatModel} beside the chat model (its own GGUF, threads, context and
 * slots). Each text gets Llama Guard's own prompt ({@link LlamaGuardPrompt}) and a greedy answer of
 * at most {@value #MAX_ANSWER_TOKENS} tokens; {@code safe} scores nothing, {@code unsafe} with
 * codes scores 1.0 in the OpenAI categories each code maps to ({@link GuardCategory}).
 *
 * <p>An answer that does not parse (another model, a cut-off answer), a prompt longer than the
 * guard's context, a failure of llama.cpp or an answer slower than the guard's generation timeout
 * ({@link LlamaSettings#generationTimeout()}) throws {@link ModerationUnavailableException}, so
 * the policy's failure mode decides. The slot is freed whatever happens. Thread-safe; up to
 * {@link LlamaSettings#parallel()} texts are judged at once.
 */
public final class LlamaGuardProvider implements ModerationProvider, AutoCloseable {

    /** Enough for {@code unsafe} and a list of several codes. */
    static final int MAX_ANSWER_TOKENS = 16;
    private static final GenerationSettings GREEDY = new GenerationSettings(MAX_ANSWER_TOKENS, 0f, 0);

    private final LlamaChatModel model;
    private final SpecialTokenSanitizer sanitizer;
    private final boolean withBeginOfText;

    /** A provider asking {@code model}, which it closes on {@link #close()}. */
    public LlamaGuardProvider(LlamaChatModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.sanitizer = new SpecialTokenSanitizer(model.header().specialTokens());
        // llama.cpp adds <|begin_of_text|> itself unless the file says not to
        this.withBeginOfText = Boolean.FALSE.equals(model.header().metadata().get("tokenizer.ggml.add_bos_token"));
    }

    /**
     * Checks and loads the guard model.
     *
     * @throws dev.parley.model.gguf.InvalidModelFileException if the file is missing or not a usable GGUF
     * @throws ModelException if llama.cpp cannot load it
     */
    public static LlamaGuardProvider load(LlamaSettings settings, LlamaNativeLibrary library) {
        return new LlamaGuardProvider(LlamaChatModel.load(settings, library));
    }

    /** {@code "guard"}. */
    @Override
    public String name() {
        return "guard";
    }

    @Override
    public Assessment assess(ModerationRequest request) {
        String answer = complete(prompt(request));
        Optional<Set<GuardCategory>> codes = LlamaGuardAnswer.parse(answer);
        if (codes.isEmpty()) {
            // the answer is the model's, not the user's, but a confused model may echo the text
            throw new ModerationUnavailableException("guard: the answer was neither 'safe' nor 'unsafe' with"
                    + " Llama Guard 3 codes (" + answer.codePointCount(0, answer.length()) + " characters)");
        }
        return LlamaGuardAnswer.assessment(codes.get());
    }

    /** The prompt for {@code request}, its text rid of the guard model's special-token text. */
    String prompt(ModerationRequest request) {
        return LlamaGuardPrompt.render(sanitizer.sanitize(request.text()), request.direction(), withBeginOfText);
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
        StringBuilder answer = new StringBuilder();
        try (ReplyStream stream = model.streamPrompt(prompt, GREEDY)) {
            for (String piece = stream.next(); piece != null; piece = stream.next()) {
                answer.append(piece);
            }
        } catch (ModelException | IllegalStateException e) {
            throw new ModerationUnavailableException("guard: " + e.getMessage(), e);
        }
        return answer.toString();
    }
}
