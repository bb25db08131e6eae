package dev.parley.app.moderate;

import dev.parley.app.moderate.InputLines.Line;
import dev.parley.app.moderate.PolicyFile.InvalidPolicyException;
import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.LearnedModerationProvider;
import dev.parley.core.moderation.LocalModerationProvider;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.ModerationProvider;
import dev.parley.core.moderation.ModerationResult;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import dev.parley.model.encoder.SentenceEncoder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code parley.jar moderate [--policy FILE] [--max-line-chars N] [--lexical-only]}: offline moderation for
 * evaluation and policy tuning. Reads JSON lines {@code {"id": ..., "text": ...}} and writes, per line, OpenAI's moderation shape
 * {@code {"id", "flagged", "categories", "category_scores"}}. A malformed line, or one longer than
 * {@code --max-line-chars} (default {@value #DEFAULT_MAX_LINE_CHARS}), gives
 * {@code {"line": N, "error": "..."}} and processing goes on. Runs the tiers the bot runs by
 * default, the local tier and the learned tier (its sentence encoder loads in about a second),
 * without Spring or a chat model; {@code --lexical-only} runs the local tier alone.
 *
 * <p>The policy file is read by {@link PolicyFile}; a bad one, or a bad argument, stops the command
 * before any input is read with one line on standard error and exit status 2.
 */
public final class ModerateCommand {

    /** The longest input line, in characters: 8 Mi, far beyond any chat message yet bounded memory. */
    static final int DEFAULT_MAX_LINE_CHARS = 8 * 1024 * 1024;
    static final String USAGE = "usage: moderate [--policy FILE] [--max-line-chars N] [--lexical-only]";

    private static final ScopeKey OFFLINE = new ScopeKey(Platform.CONSOLE, "moderate");

    /** What the arguments ask for. */
    private record Options(ModerationPolicy policy, int maxLineChars, boolean lexicalOnly) {}

    /** An argument the command cannot use; the message is one line. */
    private static final class BadArgumentException extends Exception {
        BadArgumentException(String message) {
            super(message, null, false, false);
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final PrintStream out;
    private final PrintStream err;

    public ModerateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs on {@code args} (after the word "moderate") and returns the exit status. */
    public int run(List<String> args, Reader in) {
        Options options;
        try {
            options = options(args);
        } catch (InvalidPolicyException | BadArgumentException e) {
            err.println("parley moderate: " + oneLine(e.getMessage()));
            return 2;
        }
        TextNormaliser normaliser = new TextNormaliser();
        LocalModerationProvider local = LocalModerationProvider.standard(normaliser);
        @Nullable SentenceEncoder encoder = null;
        List<ModerationProvider> tiers = List.of(local);
        if (!options.lexicalOnly()) {
            try {
                encoder = SentenceEncoder.loadFor(LearnedModerationProvider.standardHeads(), 1);
                tiers = List.of(local, LearnedModerationProvider.standard(encoder, local));
            } catch (RuntimeException e) {
                if (encoder != null) {
                    encoder.close();
                }
                err.println("parley moderate: the learned tier cannot start (--lexical-only runs without it): "
                        + oneLine(String.valueOf(e.getMessage())));
                return 1;
            }
        }
        // no cache: evaluation lines rarely repeat, and a cache counted in entries of up to
        // maxLineChars characters each could hold gigabytes
        Moderator moderator = new Moderator(normaliser, tiers, 0);
        InputLines lines = new InputLines(in, options.maxLineChars());
        try (AutoCloseable closeEncoder = encoder == null ? () -> { } : encoder) {
            int number = 0;
            for (Line line = lines.next(); line != null; line = lines.next()) {
                number++;
                switch (line) {
                    case InputLines.Text(String text) when text.isBlank() -> { }
                    case InputLines.Text(String text) -> out.println(answer(text, number, moderator, options.policy()));
                    case InputLines.TooLong(long length) -> out.println(error(number, "line too long: " + length
                            + " characters, the most is " + options.maxLineChars() + " (--max-line-chars)"));
                }
            }
        } catch (IOException e) {
            err.println("parley moderate: could not read standard input: " + oneLine(e.getMessage()));
            return 1;
        } catch (Exception e) { // closing the encoder declares Exception; it never throws one
            throw new IllegalStateException(e);
        }
        out.flush();
        return 0;
    }

    private String answer(String line, int number, Moderator moderator, ModerationPolicy policy) {
        JsonNode request;
        try {
            request = json.readTree(line);
        } catch (JacksonException e) {
            return error(number, "not JSON: " + e.getOriginalMessage());
        }
        if (!request.isObject() || !request.has("text") || !request.get("text").isString()) {
            return error(number, "expected an object with a string \"text\"");
        }
        ModerationResult result = moderator.evaluate(request.get("text").asString(), Direction.INPUT, policy);
        ObjectNode answer = json.createObjectNode();
        answer.set("id", request.has("id") ? request.get("id") : json.getNodeFactory().nullNode());
        answer.put("flagged", result.flagged());
        ObjectNode categories = answer.putObject("categories");
        ObjectNode scores = answer.putObject("category_scores");
        for (Category category : Category.values()) {
            categories.put(category.apiName(), result.categories().get(category));
            scores.put(category.apiName(), result.scores().score(category));
        }
        return json.writeValueAsString(answer);
    }

    private String error(int number, String message) {
        ObjectNode error = json.createObjectNode();
        error.put("line", number);
        error.put("error", message);
        return json.writeValueAsString(error);
    }

    private Options options(List<String> args) throws InvalidPolicyException, BadArgumentException {
        TextNormaliser normaliser = new TextNormaliser();
        ModerationDefaults defaults = PolicyFile.EMPTY;
        int maxLineChars = DEFAULT_MAX_LINE_CHARS;
        boolean lexicalOnly = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            boolean hasValue = i + 1 < args.size();
            switch (arg) {
                case "--policy" -> {
                    if (!hasValue) {
                        throw new BadArgumentException("--policy needs a FILE; " + USAGE);
                    }
                    defaults = new PolicyFile(normaliser).read(path(args.get(++i)));
                }
                case "--max-line-chars" -> {
                    if (!hasValue) {
                        throw new BadArgumentException("--max-line-chars needs a number; " + USAGE);
                    }
                    maxLineChars = positive(args.get(++i));
                }
                case "--lexical-only" -> lexicalOnly = true;
                default -> throw new BadArgumentException("unknown argument " + arg + "; " + USAGE);
            }
        }
        return new Options(new ModerationPolicies(new InMemorySettingsStore(), defaults, normaliser).forScope(OFFLINE),
                maxLineChars, lexicalOnly);
    }

    private static Path path(String value) throws BadArgumentException {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new BadArgumentException("--policy " + e.getMessage());
        }
    }

    private static int positive(String value) throws BadArgumentException {
        try {
            int number = Integer.parseInt(value.strip().replace("_", ""));
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadArgumentException("--max-line-chars must be a whole number from 1 to " + Integer.MAX_VALUE
                + ", was " + value);
    }

    /** A message for one line of standard error. */
    private static String oneLine(@Nullable String message) {
        return String.valueOf(message).replaceAll("\\R+", " ").strip();
    }
}
