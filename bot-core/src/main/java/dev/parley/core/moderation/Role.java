package dev.parley.core.moderation;

import java.util.Locale;
import java.util.Optional;

/**
 * What a lexicon entry that is not itself a category means to the local rules: a group of people,
 * a negation, a marker of counter-speech, and so on.
 */
public enum Role {
    /** A group defined by a protected attribute ("women", "mulheres", "gay people"); never flags alone. */
    IDENTITY,
    /** A word that derogates a group when said of it ("scum", "vermes"); weight is the hate score. */
    DEROGATION,
    /** A quality a group is denied when hated ("human", "inteligentes"): "women are not smart". */
    POSITIVE,
    /** A pronoun that refers back to a group named before ("they", "eles"). */
    GROUP_PRONOUN,
    /** An expression of hatred towards what follows ("i hate", "odeio"). */
    HATRED,
    /** A violent verb for threats ("kill", "matar"). */
    VIOLENT_ACT,
    /** A statement of one's own intention ("i will", "vou"). */
    INTENTION,
    /** A wish that something happens to someone ("should", "deveriam", "hope"). */
    WISH,
    /** The person spoken to ("you", "você", "seu"). */
    ADDRESSEE,
    /** A negation ("not", "não"). */
    NEGATION,
    /**
     * The speaker counting themselves in ("I'm a", "we are", "proud", "eu sou"): a slur right next
     * to it is reclaimed use, not hate.
     */
    SELF_REFERENCE,
    /**
     * A word that points an insult at someone other than the speaker ("what an", "such a", "esse",
     * "é um", "do caralho" after it): "esse babaca" insults a person as "babaca" alone need not.
     */
    POINTER,
    /** A sign that hateful words are quoted or countered ("saying", "is hateful", "dizer que"). */
    COUNTER_SPEECH,
    /** A request for instructions ("how to", "como fazer"). */
    REQUEST,
    /** Making or obtaining ("make", "build", "fazer", "montar"). */
    MAKING,
    /** A weapon or explosive ("bomb", "bomba"). */
    WEAPON,
    /** A method of harming oneself, as asked about ("kill myself", "me matar"). */
    SELF_HARM_METHOD,
    /** A way of harming a person, asked about ("gut", "dismember", "estrangular"); never flags alone. */
    HARMING,
    /** A person who could be harmed or found ("someone", "my wife", "a human", "alguém"). */
    PERSON,
    /** Where a person can be found ("home address", "phone number", "where she lives", "endereço"). */
    LOCATING,
    /** Asking to find or be given something ("find out", "tell me", "what is", "descobrir"). */
    SEEKING,
    /** A game or a story, where harming is play ("in minecraft", "in my novel", "no jogo"). */
    PLAY,
    /** A minor ("child", "criança"). */
    MINOR,
    /** Sexual content or acts ("nude", "sexo"). */
    SEXUAL_ACT,
    /** A hard drug or other illicit goods to make ("meth", "cocaína"). */
    ILLICIT_GOODS,
    /**
     * A harmless phrase that contains a word of another role ("bath bomb", "matar a saudade"): the
     * entries inside it are ignored.
     */
    HARMLESS;

    /** The role named {@code name} in a lexicon file ({@code "violent-act"}), or empty. */
    static Optional<Role> fromFileName(String name) {
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
