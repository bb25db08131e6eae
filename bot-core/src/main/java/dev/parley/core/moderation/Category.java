package dev.parley.core.moderation;

import java.util.Locale;
import java.util.Optional;

/**
 * A moderation category of OpenAI's omni-moderation taxonomy, so that scores from every provider
 * (the local tier, an LLM guard, a moderation endpoint) line up.
 */
public enum Category {
    HARASSMENT("harassment", false),
    HARASSMENT_THREATENING("harassment/threatening", true),
    HATE("hate", false),
    HATE_THREATENING("hate/threatening", true),
    ILLICIT("illicit", false),
    ILLICIT_VIOLENT("illicit/violent", true),
    SELF_HARM("self-harm", false),
    SELF_HARM_INTENT("self-harm/intent", true),
    SELF_HARM_INSTRUCTIONS("self-harm/instructions", true),
    SEXUAL("sexual", false),
    SEXUAL_MINORS("sexual/minors", true),
    VIOLENCE("violence", false),
    VIOLENCE_GRAPHIC("violence/graphic", false);

    private final String apiName;
    private final boolean severe;

    Category(String apiName, boolean severe) {
        this.apiName = apiName;
        this.severe = severe;
    }

    /** The name in OpenAI's API, with a slash: {@code "harassment/threatening"}. */
    public String apiName() {
        return apiName;
    }

    /**
     * Whether the category is severe enough that the default policy blocks it everywhere: threats,
     * violent wrongdoing, self-harm intent and instructions, sexual content involving minors.
     */
    boolean severe() {
        return severe;
    }

    /** The category with the API name {@code name} (case-insensitive), or empty. */
    public static Optional<Category> fromApiName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (Category category : values()) {
            if (category.apiName.equals(wanted)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }
}
