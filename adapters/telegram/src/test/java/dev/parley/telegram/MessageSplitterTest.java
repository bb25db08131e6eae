package dev.parley.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    private final MessageSplitter splitter = new MessageSplitter(20);

    @Test
    void split_keepsShortTextWhole_andBlankTextHasNoPieces() {
        assertThat(splitter.split("  hello there  ")).containsExactly("hello there");
        assertThat(splitter.split(" \n ")).isEmpty();
    }

    @Test
    void split_cutsAtALineBreakOrSpaceNearTheLimit() {
        assertThat(splitter.split("first line\nsecond line here")).containsExactly("first line", "second line here");
        assertThat(splitter.split("aaaa bbbb cccc dddd eeee ffff")).containsExactly("aaaa bbbb cccc dddd", "eeee ffff");
    }

    @Test
    void split_cutsHardWhenThereIsNoSpace_butNeverInsideASurrogatePair() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        String text = "a".repeat(19) + emoji + "b";

        List<String> pieces = splitter.split(text);

        assertThat(pieces).containsExactly("a".repeat(19), emoji + "b");
    }

    @Test
    void split_piecesStayWithinTheLimit_andAlreadyFullPiecesDoNotChangeAsTheTextGrows() {
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder text = new StringBuilder();
        List<String> before = List.of();
        for (int i = 0; i < 300; i++) {
            text.append(random.nextInt(4) == 0 ? " " : random.nextInt(30) == 0 ? "\n" : "x");
            List<String> pieces = splitter.split(text.toString());
            assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isBetween(1, 20));
            assertThat(String.join("", pieces).replaceAll("\\s", "")).isEqualTo(text.toString().replaceAll("\\s", ""));
            for (int p = 0; p < before.size() - 1; p++) {
                assertThat(pieces.get(p)).as("piece %d, once followed by another", p).isEqualTo(before.get(p));
            }
            before = pieces;
        }
    }
}
