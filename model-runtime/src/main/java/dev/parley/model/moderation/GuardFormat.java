package dev.parley.model.moderation;

import dev.parley.core.moderation.Assessment;
import dev.parley.core.moderation.Direction;
import dev.parley.model.gguf.GgufHeader;
import dev.parley.model.gguf.InvalidModelFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The prompt and answer format of a family of guard models: how a text is put to the model and
 * how its answer becomes scores in Parley's 13 categories (OpenAI's omni-moderation taxonomy).
 *
 * <p>Both families' architectures are among those the runtime's llama.cpp (August 2026) loads
 * ({@link GgufHeader#LLAMA_CPP_ARCHITECTURES}):
 * <ul>
 *   <li>{@link #LLAMA_GUARD_3}: Llama Guard 3 1B and 8B (architecture {@code llama}).
 *   <li>{@link #QWEN3GUARD_GEN}: Qwen3Guard-Gen 0.6B, 4B and 8B (architecture {@code qwen3}). Its
 *       prompt and answer format is tested; no real Qwen3Guard model was run here (none can be
 *       downloaded on the build machines), only generated qwen3 models.
 * </ul>
 */
public enum GuardFormat {

    /**
     * Meta's Llama Guard 3: answers {@code safe}, or {@code unsafe} and a line of hazard codes
     * (S1 to S14); scores 1.0 per OpenAI category a code maps to.
     */
    LLAMA_GUARD_3("llama-guard-3", "Llama Guard 3", "llama", 16),

    /**
     * Qwen's Qwen3Guard-Gen (119 languages): answers {@code Safety: Safe|Unsafe|Controversial}
     * and its category names; unsafe scores 1.0, controversial 0.4 (below the default threshold).
     */
    QWEN3GUARD_GEN("qwen3guard", "Qwen3Guard-Gen", "qwen3", 64);

    private final String configName;
    private final String title;
    private final String architecture;
    private final int maxAnswerTokens;

    GuardFormat(String configName, String title, String architecture, int maxAnswerTokens) {
        this.configName = configName;
        this.title = title;
        this.architecture = architecture;
        this.maxAnswerTokens = maxAnswerTokens;
    }

    /** The name a setting gives it: {@code llama-guard-3} or {@code qwen3guard}. */
    public String configName() {
        return configName;
    }

    /** The model family's name, for messages: {@code Llama Guard 3}, {@code Qwen3Guard-Gen}. */
    public String title() {
        return title;
    }

    /** The {@code general.architecture} of the family's GGUF files. */
    public String architecture() {
        return architecture;
    }

    /** Whether the bundled llama.cpp loads the family's models (their architecture is known to it). */
    public boolean loadsOnBundledRuntime() {
        return GgufHeader.LLAMA_CPP_ARCHITECTURES.contains(architecture);
    }

    /**
     * The format named {@code name}: its {@link #configName()} or the constant's name with {@code -}
     * for {@code _} ({@code qwen3guard-gen}), in any case; empty for any other name.
     */
    public static Optional<GuardFormat> named(String name) {
        String wanted = name.strip();
        return Arrays.stream(values())
                .filter(format -> format.configName.equalsIgnoreCase(wanted)
                        || format.name().equalsIgnoreCase(wanted.replace('-', '_')))
                .findFirst();
    }

    /**
     * The format a model file names itself as, from {@code general.name} or {@code general.basename}
     * ("Llama Guard 3 1B", "Qwen3Guard-Gen-0.6B"); empty when neither names a known family, as a
     * fine-tune's or a generated model's may not.
     */
    public static Optional<GuardFormat> recognise(GgufHeader header) {
        for (String key : new String[] {"general.name", "general.basename"}) {
            if (header.metadata().get(key) instanceof String name) {
                String letters = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
                if (letters.contains("qwen3guard")) {
                    return Optional.of(QWEN3GUARD_GEN);
                }
                if (letters.contains("llamaguard3")) {
                    return Optional.of(LLAMA_GUARD_3);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Checks that {@code file} can serve as a guard of this format on the bundled runtime, before
     * llama.cpp sees it: a usable GGUF (as {@link GgufHeader#read(Path)} checks), of an
     * architecture the runtime loads, and not a model of the other family.
     *
     * @throws InvalidModelFileException naming the architecture, or the family the file names
     */
    public GgufHeader check(Path file) {
        Set<String> readable = new HashSet<>(GgufHeader.LLAMA_CPP_ARCHITECTURES);
        readable.add(architecture); // so that the message can say why a known guard does not load
        GgufHeader header = GgufHeader.read(file, readable);
        if (!GgufHeader.LLAMA_CPP_ARCHITECTURES.contains(header.architecture())) {
            throw new InvalidModelFileException(file, "architecture '" + header.architecture() + "' (" + title
                    + ") is not one the runtime's llama.cpp loads");
        }
        Optional<GuardFormat> named = recognise(header);
        if (named.isPresent() && named.get() != this) {
            throw new InvalidModelFileException(file, "it is a " + named.get().title + " model (general.name '"
                    + header.metadata().getOrDefault("general.name", "") + "') but the guard format is " + title
                    + "; choose the format " + named.get().configName);
        }
        return header;
    }

    /** The most tokens an answer may take: enough for the longest well-formed answer. */
    int maxAnswerTokens() {
        return maxAnswerTokens;
    }

    /**
     * The prompt judging {@code text}, which must be rid of the model's special-token text, as must
     * {@code inReplyTo}.
     *
     * @param inReplyTo for a reply, the user's message it answers, put before it in the
     *     conversation; null to judge the text alone
     * @param withBeginOfText whether the prompt must start with the model's begin-of-text text
     *     itself (Llama Guard, when the file says llama.cpp does not add it); Qwen3 has none
     */
    String prompt(String text, Direction direction, @Nullable String inReplyTo, boolean withBeginOfText) {
        return switch (this) {
            case LLAMA_GUARD_3 -> LlamaGuardPrompt.render(text, direction, inReplyTo, withBeginOfText);
            case QWEN3GUARD_GEN -> Qwen3GuardPrompt.render(text, direction, inReplyTo);
        };
    }

    /** The scores {@code answer} gives; empty when it is not an answer in this format. */
    Optional<Assessment> read(String answer) {
        return switch (this) {
            case LLAMA_GUARD_3 -> LlamaGuardAnswer.parse(answer).map(LlamaGuardAnswer::assessment);
            case QWEN3GUARD_GEN -> Qwen3GuardAnswer.parse(answer).map(Qwen3GuardAnswer::assessment);
        };
    }
}
