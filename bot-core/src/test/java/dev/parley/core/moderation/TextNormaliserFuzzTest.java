package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random text, from a fixed seed, through the normaliser: the shape of its output always holds. */
class TextNormaliserFuzzTest {

    private static final String ALPHABET = "abcxyz AEIO 0134579 @$.-_!?'\"\u200B\u200D\u202E\u00AD\u0301\u0336"
            + "\u043E\u0430\u03BF\uFF42\u24D1\u1D0F\u00E7\u00E3\u00E9\uD83D\uDE00\u00DF\u0130\t\n";

    private final TextNormaliser normaliser = new TextNormaliser();

    @Test
    void normalise_alwaysGivesSingleSpacedLowerCaseWordsPaddedWithSpaces() {
        Random random = new Random(4);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String normalised = normaliser.normalise(text.toString());

            assertThat(normalised).as("input %s", text).startsWith(" ").endsWith(" ").doesNotContain("  ");
            assertThat(normalised.equals(" ") || normalised.strip().split(" ").length > 0).isTrue();
            assertThat(normalised.codePoints().allMatch(cp -> cp == ' ' || cp == '"' || Character.isLetterOrDigit(cp)))
                    .as("input %s gave %s", text, normalised).isTrue();
            assertThat(normalised).isEqualTo(normalised.toLowerCase(java.util.Locale.ROOT));
        }
    }
}
