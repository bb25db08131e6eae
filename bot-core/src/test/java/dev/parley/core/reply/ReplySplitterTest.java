package dev.parley.core.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplySplitterTest {

    private final ReplySplitter discord = new ReplySplitter(2000);

    @Test
    void split_shortText_isOnePart() {
        assertThat(discord.split("  Hello there.  ")).containsExactly("Hello there.");
    }

    @Test
    void split_blankText_hasNoParts() {
        assertThat(discord.split(" \n ")).isEmpty();
    }

    @Test
    void split_longProse_cutsAfterASentenceAndLosesNoWords() {
        String sentence = "The quick brown fox jumps over the lazy dog again. ";
        String text = sentence.repeat(100).strip();

        List<String> parts = discord.split(text);

        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(2000));
        assertThat(parts.getFirst()).endsWith("again.");
        assertThat(String.join(" ", parts)).isEqualTo(text);
    }

    @Test
    void split_prefersParagraphBreaks() {
        String first = "a".repeat(1200);
        String text = first + "\n\n" + "b ".repeat(600);

        List<String> parts = discord.split(text);

        assertThat(parts.getFirst()).isEqualTo(first);
        assertThat(parts.get(1)).startsWith("b b");
    }

    @Test
    void split_codeBlockAcrossTheCut_isClosedAndReopenedWithItsLanguage() {
        StringBuilder code = new StringBuilder("Here is the code:\n```java\n");
        for (int i = 0; i < 120; i++) {
            code.append("int value").append(i).append(" = compute(").append(i).append(");\n");
        }
        code.append("```\nDone.");

        List<String> parts = discord.split(code.toString());

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).endsWith("\n```").hasSizeLessThanOrEqualTo(2000);
        assertThat(parts.get(1)).startsWith("```java\nint value");
        assertThat(parts.get(1)).endsWith("```\nDone.");
        // every line of code survives, each whole
        String rejoined = String.join("\n", parts);
        for (int i = 0; i < 120; i++) {
            assertThat(rejoined).contains("int value" + i + " = compute(" + i + ");");
        }
    }

    @Test
    void split_textWithoutSpaces_isCutHardButNeverInsideASurrogatePair() {
        String text = "😀".repeat(1500); // 3,000 UTF-16 units

        List<String> parts = discord.split(text);

        assertThat(parts).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(2000);
            assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
            assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse();
        });
        assertThat(String.join("", parts)).isEqualTo(text);
    }

    @Test
    void split_growingText_keepsItsFirstPartOnceOverTheLimit() {
        String base = "One sentence that keeps going for a while. ".repeat(60);
        List<String> before = discord.split(base);
        List<String> after = discord.split(base + "More words arrive as the reply streams on and on. ".repeat(20));

        assertThat(before).hasSizeGreaterThan(1);
        assertThat(after.getFirst()).isEqualTo(before.getFirst());
    }

    @Test
    void split_randomText_partsFitAndKeepEveryNonSpaceCharacter() {
        Random random = new Random(7);
        String alphabet = "ab c.\n!é😀";
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(6000);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            ReplySplitter telegramSized = new ReplySplitter(64 + random.nextInt(4096));
            List<String> parts = telegramSized.split(text.toString());
            assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(telegramSized.maxChars()));
            assertThat(nonSpace(String.join("", parts))).isEqualTo(nonSpace(text.toString()));
        }
    }

    @Test
    void split_randomFencedText_partsAlwaysFit() {
        Random random = new Random(11);
        String alphabet = "ab c.\n```x";
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(6000);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            ReplySplitter splitter = new ReplySplitter(64 + random.nextInt(2000));
            assertThat(splitter.split(text.toString()))
                    .allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(splitter.maxChars()));
        }
    }

    @Test
    void constructor_tinyLimit_isRefused() {
        assertThatThrownBy(() -> new ReplySplitter(10)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String nonSpace(String text) {
        return text.replaceAll("\\s", "");
    }
}
