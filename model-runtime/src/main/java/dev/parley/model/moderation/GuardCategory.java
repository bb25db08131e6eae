package dev.parley.model.moderation;

import dev.parley.core.moderation.Category;
import java.util.Optional;

/**
 * One of the fourteen hazard categories of Llama Guard 3 (MLCommons' taxonomy), with its code,
 * the name its prompt lists, and the OpenAI categories Parley scores 1.0 when the guard names it.
 *
 * <p>The mapping, where the taxonomies differ: sex-related crimes (S3: assault, trafficking) are
 * violent wrongdoing of a sexual kind; defamation (S5) and privacy (S7, exposing someone's data)
 * target a person, so count as harassment; intellectual property (S8) and code interpreter abuse
 * (S14) are non-violent wrongdoing. Self-harm (S11) is OpenAI's broad {@code self-harm}, which a
 * default policy flags only: Llama Guard does not tell intent or instructions apart, so a policy
 * that wants it blocked says so for {@code self-harm}. Specialized advice (S6) and elections (S13)
 * have no counterpart and score nothing: a policy cannot act on them.
 */
enum GuardCategory implements GuardTaxonomyCategory {
    S1("Violent Crimes", Category.VIOLENCE, Category.ILLICIT_VIOLENT),
    S2("Non-Violent Crimes", Category.ILLICIT),
    S3("Sex Crimes", Category.SEXUAL, Category.ILLICIT_VIOLENT),
    S4("Child Exploitation", Category.SEXUAL_MINORS),
    S5("Defamation", Category.HARASSMENT),
    S6("Specialized Advice"),
    S7("Privacy", Category.HARASSMENT),
    S8("Intellectual Property", Category.ILLICIT),
    S9("Indiscriminate Weapons", Category.ILLICIT_VIOLENT),
    S10("Hate", Category.HATE),
    S11("Self-Harm", Category.SELF_HARM),
    S12("Sexual Content", Category.SEXUAL),
    S13("Elections"),
    S14("Code Interpreter Abuse", Category.ILLICIT);

    private final Definition definition;

    GuardCategory(String title, Category... categories) {
        this.definition = new Definition(title, categories);
    }

    /** Its title is the name as Llama Guard 3's prompt lists it. */
    @Override
    public Definition definition() {
        return definition;
    }

    /** The category with {@code code} ({@code "S10"}), or empty. */
    static Optional<GuardCategory> fromCode(String code) {
        for (GuardCategory category : values()) {
            if (category.name().equals(code)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }
}
