package dev.parley.model.moderation;

import dev.parley.core.moderation.Category;
import java.util.Locale;
import java.util.Optional;

/**
 * One of the nine categories Qwen3Guard-Gen names, as its prompt lists them, with the OpenAI
 * categories Parley scores when the guard names it.
 *
 * <p>The mapping, where the taxonomies differ (chosen to match {@link GuardCategory}'s for Llama
 * Guard 3, so that both guards score a text alike): {@code Violent} covers violent acts and the
 * making of weapons, so is violence and violent wrongdoing (as Llama Guard's S1); {@code PII}
 * exposes a person's data, so counts as harassment (as S7 privacy); {@code Copyright Violation}
 * is non-violent wrongdoing (as S8). {@code Unethical Acts} is Qwen3Guard's bucket for insults,
 * harassment, threats, bias and hate speech alike; it scores {@code harassment} only, the milder
 * of the two (flagged, not blocked, by default), because the guard does not say which it saw; the
 * local tier still scores hate on its own. {@code Sexual Content or Sexual Acts} does not tell
 * minors apart, so scores {@code sexual} only: {@code sexual/minors} is left to the local tier.
 * {@code Suicide & Self-Harm} is OpenAI's broad {@code self-harm} (intent and instructions are not
 * told apart, as with Llama Guard's S11).
 *
 * <p>{@code Politically Sensitive Topics} and {@code Jailbreak} have no counterpart and score
 * nothing: a policy cannot act on them. A jailbreak attempt is not harmful text in itself; what a
 * successful one makes the chat model write is judged by output moderation.
 */
enum Qwen3GuardCategory implements GuardTaxonomyCategory {
    VIOLENT("Violent", Category.VIOLENCE, Category.ILLICIT_VIOLENT),
    NON_VIOLENT_ILLEGAL_ACTS("Non-violent Illegal Acts", Category.ILLICIT),
    SEXUAL_CONTENT("Sexual Content or Sexual Acts", Category.SEXUAL),
    PII("PII", Category.HARASSMENT),
    SUICIDE_AND_SELF_HARM("Suicide & Self-Harm", Category.SELF_HARM),
    UNETHICAL_ACTS("Unethical Acts", Category.HARASSMENT),
    POLITICALLY_SENSITIVE_TOPICS("Politically Sensitive Topics"),
    COPYRIGHT_VIOLATION("Copyright Violation", Category.ILLICIT),
    JAILBREAK("Jailbreak");

    private final Definition definition;

    Qwen3GuardCategory(String title, Category... categories) {
        this.definition = new Definition(title, categories);
    }

    /** Its title is the name as Qwen3Guard's prompt lists it and its answer repeats it. */
    @Override
    public Definition definition() {
        return definition;
    }

    /** The category titled {@code title}, ignoring case and a trailing full stop, or empty. */
    static Optional<Qwen3GuardCategory> fromTitle(String title) {
        String wanted = title.strip();
        if (wanted.endsWith(".")) {
            wanted = wanted.substring(0, wanted.length() - 1).strip();
        }
        for (Qwen3GuardCategory category : values()) {
            if (category.title().toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }
}
