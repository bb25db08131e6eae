package dev.parley.core.persona;

import dev.parley.core.model.GenerationSettings;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What a persona made at run time may be: a short name, a system prompt of bounded length, a
 * temperature and reply length within the operator's limits, and scales only for the LoRA adapters
 * the model loaded. Each check turns typed text into a value or throws an
 * {@link InvalidPersonaException} whose message is the one-line answer.
 *
 * @param maxPromptChars the longest system prompt, in characters
 * @param maxNewTokens the most tokens a reply of a scope's persona may have
 * @param adapters the names of the LoRA adapters the serving model has loaded, asked at each
 *     check because an operator may swap the model (and its adapter) at run time
 */
public record PersonaRules(int maxPromptChars, int maxNewTokens, Supplier<Set<String>> adapters) {

    /** The longest system prompt unless the operator says otherwise. */
    public static final int DEFAULT_MAX_PROMPT_CHARS = 2_000;
    /** The longest persona name. */
    public static final int MAX_NAME = 32;
    /** The highest temperature a scope's persona may use. */
    public static final float MAX_TEMPERATURE = 2f;
    /** The largest LoRA scale, either way. */
    public static final float MAX_SCALE = 10f;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public PersonaRules {
        if (maxPromptChars < 1) {
            throw new IllegalArgumentException("maxPromptChars must be at least 1, was " + maxPromptChars);
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be at least 1, was " + maxNewTokens);
        }
        Objects.requireNonNull(adapters, "adapters");
    }

    /** Rules for a model whose adapters never change. */
    public PersonaRules(int maxPromptChars, int maxNewTokens, Set<String> adapters) {
        this(maxPromptChars, maxNewTokens, constant(Set.copyOf(adapters)));
    }

    private static Supplier<Set<String>> constant(Set<String> adapters) {
        return () -> adapters;
    }

    /**
     * The rules when the operator set none: prompts of {@link #DEFAULT_MAX_PROMPT_CHARS}, replies
     * as long as the longest built-in persona's, no LoRA adapters.
     */
    public static PersonaRules defaultsFor(PersonaSelector personas) {
        int longest = personas.catalog().personas().stream().mapToInt(p -> p.generation().maxNewTokens()).max()
                .orElse(1);
        return new PersonaRules(DEFAULT_MAX_PROMPT_CHARS, longest, Set.of());
    }

    /** A persona name: 1 to 32 of {@code a-z 0-9 -}, starting with a letter or digit; typed case is ignored. */
    public String name(String typed) {
        String name = typed.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidPersonaException("A persona name is 1 to " + MAX_NAME
                    + " letters a-z, digits or '-', starting with a letter or digit.");
        }
        return name;
    }

    /** A system prompt: not blank, at most {@link #maxPromptChars} characters. */
    public String systemPrompt(String typed) {
        String prompt = typed.strip();
        if (prompt.isEmpty()) {
            throw new InvalidPersonaException("A persona needs a system prompt.");
        }
        int length = prompt.codePointCount(0, prompt.length());
        if (length > maxPromptChars) {
            throw new InvalidPersonaException("The system prompt is " + length + " characters long; at most "
                    + maxPromptChars + " are allowed.");
        }
        return prompt;
    }

    /** A temperature from 0 (always the likeliest word) to {@link #MAX_TEMPERATURE}. */
    public float temperature(String typed) {
        float temperature;
        try {
            temperature = Float.parseFloat(typed.strip());
        } catch (NumberFormatException e) {
            temperature = Float.NaN;
        }
        if (!(temperature >= 0f && temperature <= MAX_TEMPERATURE)) {
            throw new InvalidPersonaException("The temperature must be a number from 0 to " + (int) MAX_TEMPERATURE
                    + ", such as 0.7.");
        }
        return temperature;
    }

    /** A reply length from 1 to {@link #maxNewTokens} tokens. */
    public int maxNewTokens(String typed) {
        int tokens;
        try {
            tokens = Integer.parseInt(typed.strip());
        } catch (NumberFormatException e) {
            tokens = 0;
        }
        if (tokens < 1 || tokens > maxNewTokens) {
            throw new InvalidPersonaException("max-tokens must be a whole number from 1 to " + maxNewTokens + ".");
        }
        return tokens;
    }

    /**
     * A new persona of a scope: {@code defaults} for sampling (the default persona's), the
     * model's adapter scales.
     */
    public Persona create(String typedName, String typedPrompt, GenerationSettings defaults) {
        return new Persona(name(typedName), systemPrompt(typedPrompt), new GenerationSettings(
                Math.min(defaults.maxNewTokens(), maxNewTokens), Math.min(defaults.temperature(), MAX_TEMPERATURE),
                defaults.seed()));
    }

    /**
     * {@code persona} with {@code field} set to the typed {@code value}; for {@link PersonaField#LORA}
     * the value is {@code <adapter> <scale|default>}.
     */
    public Persona edit(Persona persona, PersonaField field, String value) {
        GenerationSettings sampling = persona.generation();
        return switch (field) {
            case PROMPT -> new Persona(persona.name(), systemPrompt(value), sampling, persona.adapterScales());
            case TEMPERATURE -> new Persona(persona.name(), persona.systemPrompt(),
                    new GenerationSettings(sampling.maxNewTokens(), temperature(value), sampling.seed()),
                    persona.adapterScales());
            case MAX_TOKENS -> new Persona(persona.name(), persona.systemPrompt(),
                    new GenerationSettings(maxNewTokens(value), sampling.temperature(), sampling.seed()),
                    persona.adapterScales());
            case LORA -> new Persona(persona.name(), persona.systemPrompt(), sampling,
                    adapterScales(persona.adapterScales(), value));
        };
    }

    private Map<String, Float> adapterScales(Map<String, Float> current, String value) {
        String[] words = value.strip().split("\\s+");
        if (words.length != 2 || words[0].isEmpty()) {
            throw new InvalidPersonaException("Usage: /persona edit <name> lora <adapter> <scale|default>");
        }
        Set<String> loaded = adapters.get();
        if (loaded.isEmpty()) {
            throw new InvalidPersonaException("No LoRA adapter is loaded with the model, so there is no scale to set.");
        }
        String adapter = words[0];
        if (!loaded.contains(adapter)) {
            throw new InvalidPersonaException("No LoRA adapter is called '" + shortened(adapter) + "'; loaded: "
                    + String.join(", ", new TreeSet<>(loaded)) + ".");
        }
        Map<String, Float> scales = new HashMap<>(current);
        if (words[1].equalsIgnoreCase("default")) {
            scales.remove(adapter);
            return scales;
        }
        float scale;
        try {
            scale = Float.parseFloat(words[1]);
        } catch (NumberFormatException e) {
            scale = Float.NaN;
        }
        if (!(scale >= -MAX_SCALE && scale <= MAX_SCALE)) {
            throw new InvalidPersonaException("A LoRA scale must be a number from -10 to 10 (0 turns the adapter off),"
                    + " or 'default' for the scale it was loaded with.");
        }
        scales.put(adapter, scale);
        return scales;
    }

    /** At most {@link #MAX_NAME} characters of a typed word, so an answer never echoes a long text. */
    private static String shortened(String word) {
        return word.length() <= MAX_NAME ? word : word.substring(0, MAX_NAME) + "…";
    }
}
