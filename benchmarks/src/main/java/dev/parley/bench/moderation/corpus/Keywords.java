package dev.parley.bench.moderation.corpus;

import dev.parley.core.moderation.Category;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Word patterns for the sets whose {@code SOURCE.txt} leaves the category to a per-row check
 * ("assign by keyword", "illicit/violent when weapons"). Coarse on purpose: they pick the
 * subcategory of a row already known to be harmful, never whether it is harmful, and a row whose
 * category rests on no keyword is marked weak.
 */
final class Keywords {

    /** Weapons, explosives, poisons and killing: what turns illicit into illicit/violent. */
    static final Pattern VIOLENT_MEANS = words("bombs?", "explosives?", "detonat\\w*", "grenades?", "guns?",
            "firearms?", "rifles?", "weapons?", "ammunition", "poison\\w*", "toxins?", "nerve agents?", "sarin",
            "ricin", "anthrax", "bioweapons?", "biological weapons?", "chemical weapons?", "molotov", "assassinat\\w*",
            "murder\\w*", "kill(s|ing)?", "terroris\\w*", "mass shootings?", "shoot(ing)?", "stab(bing)?");

    /** Harm to people without the means: violence rather than illicit. */
    static final Pattern VIOLENCE = words("violen(ce|t)", "hurt\\w*", "harm(s|ing)? (others|people|someone)",
            "attack\\w*", "torture\\w*", "beat(ing)? (up|someone)", "assault\\w*", "riots?", "kill(s|ing)?",
            "murder\\w*", "shoot(ing)?", "stab(bing)?");

    /** Suicide, self-injury and eating disorders. */
    static final Pattern SELF_HARM = words("suicid\\w*", "self[- ]harm\\w*", "kill (yourself|myself|themselves|himself|herself)",
            "cut(ting)? (yourself|myself)", "anorexi\\w*", "bulimi\\w*", "eating disorders?", "starv\\w*", "overdos\\w*",
            "end (my|your) life", "want to die");

    /** Protected groups: what makes abuse hate rather than harassment. */
    static final Pattern PROTECTED_GROUP = words("rac(e|es|ial|ism|ist)", "ethnic\\w*", "jews?", "jewish", "muslims?",
            "islam\\w*", "christians?", "black (people|man|men|woman|women|folks?)", "blacks", "immigra\\w*", "refugees?",
            "gays?", "lesbians?", "trans(gender)?", "lgbt\\w*", "homosexual\\w*", "queer", "minorit(y|ies)",
            "religio\\w*", "wom[ae]n", "females?", "disab\\w*", "asians?", "mexicans?", "hispanics?", "latin[oa]s?",
            "africans?", "arabs?", "nazi\\w*", "white supremac\\w*", "sexis\\w*", "misogyn\\w*", "n[i1]gg\\w*",
            "fag\\w*", "retard\\w*", "illegals");

    /** Children, whose presence turns sexual into sexual/minors. */
    static final Pattern MINORS = words("child\\w*", "minors?", "underage\\w*", "kids?", "teens?", "teenage\\w*",
            "pre-?teens?", "1[0-7][- ]?(year[- ]old|yo)", "schoolgirls?", "schoolboys?", "pedo\\w*", "paedo\\w*", "groom\\w*");

    /** Scams and fraud, the part of "disinformation" that is illicit. */
    static final Pattern FRAUD = words("scam\\w*", "fraud\\w*", "phish\\w*", "counterfeit\\w*", "forg(e|ed|ery|ing)",
            "identity theft", "impersonat\\w*", "ponzi", "launder\\w*");

    /** Illegal drugs, whose synthesis is illicit rather than illicit/violent. */
    static final Pattern DRUGS = words("drugs?", "meth\\w*", "fentanyl", "cocaine", "heroin", "mdma", "lsd", "opioids?",
            "amphetamine\\w*", "dmt", "ghb", "crack");

    /**
     * A threat: the writer announces harm ("I'm going to hurt you", not "I find it") or wishes the
     * reader dead; the announcing verb keeps out "I would kill for a coffee" and "we beat them".
     */
    static final Pattern THREAT = Pattern.compile("\\b(i|we)('ll|'m going to|'m gonna|'re going to|'re gonna| will"
            + "| am going to| are going to| gonna)\\s+(\\w+\\s+){0,2}(kill|murder|shoot|stab|hurt|rape|hang|lynch)\\w*\\b"
            + "|\\byou('re| are)? (going to |gonna )?(die|be dead)\\b|\\bshould be (shot|killed|hanged|hung|lynched)\\b",
            Pattern.CASE_INSENSITIVE);

    /** The writer speaks about themself. */
    static final Pattern FIRST_PERSON = words("i", "i'm", "i've", "i'd", "me", "my", "myself");

    /** The reader is told to harm themself. */
    static final Pattern SECOND_PERSON_SELF_HARM = words("kill yourself", "you should (die|kill yourself)",
            "end your life", "cut yourself", "hang yourself", "starve yourself");

    /** A request for a method: how to, steps, the best way. */
    static final Pattern HOW_TO = words("how (to|do|can|much|many|long|would|should)", "steps?", "instructions?",
            "guide", "tutorial", "ways? to", "best way", "methods?", "what (is|are) the (best|easiest|quickest|most)",
            "which", "tell me", "give me", "list", "explain");

    private Keywords() {
    }

    /** Whether {@code pattern} occurs in {@code text}. */
    static boolean in(Pattern pattern, String text) {
        return pattern.matcher(text).find();
    }

    /** Illicit goods or acts: illicit/violent when weapons or explosives are named, else illicit. */
    static Category illicit(String text) {
        return in(VIOLENT_MEANS, text) ? Category.ILLICIT_VIOLENT : Category.ILLICIT;
    }

    /** Violence, and illicit/violent too when weapons or explosives are named. */
    static void addViolence(String text, Set<Category> labels) {
        labels.add(Category.VIOLENCE);
        if (in(VIOLENT_MEANS, text)) {
            labels.add(Category.ILLICIT_VIOLENT);
        }
    }

    private static Pattern words(String... alternatives) {
        return Pattern.compile("\\b(" + String.join("|", alternatives) + ")\\b", Pattern.CASE_INSENSITIVE);
    }
}
