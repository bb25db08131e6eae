package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Locale;

/**
 * Fuzzes the normaliser with any text (surrogates, marks, format characters, confusables,
 * leetspeak) and the local moderation tier on what it makes of it: nothing may throw, and the
 * normalised form keeps its shape (padded single-spaced lower-case words of letters, digits and
 * the quote word), so rules that match {@code " word "} can rely on it.
 */
class TextNormaliserJazzerTest {

    private static final TextNormaliser NORMALISER = new TextNormaliser();
    private static final LocalModerationProvider LOCAL = LocalModerationProvider.standard(NORMALISER);

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"b0mb", "b o m b", "\u200B", "\u0301", "\u043E", "\u03BF", "\uFF42", "\u1D0F", "@", "$",
        "\"", "\u201C", "kill", "you", "how to make", "\uD83D\uDE00", "\u00DF", "\u0130", "ﬁ", "\u2460"})
    void normalisedTextKeepsItsShapeAndTheLocalTierJudgesIt(FuzzedDataProvider data) {
        Direction direction = data.consumeBoolean() ? Direction.INPUT : Direction.OUTPUT;
        String text = data.consumeRemainingAsString();

        String normalised = NORMALISER.normalise(text);

        assertThat(normalised).startsWith(" ").endsWith(" ").doesNotContain("  ");
        assertThat(normalised.codePoints().allMatch(cp -> cp == ' ' || cp == '"' || Character.isLetterOrDigit(cp)))
                .as("only letters, digits, quotes and spaces").isTrue();
        assertThat(normalised).isEqualTo(normalised.toLowerCase(Locale.ROOT));
        Assessment assessment = LOCAL.assess(new ModerationRequest(text, normalised, direction, null));
        assertThat(assessment).isNotNull();
    }
}
