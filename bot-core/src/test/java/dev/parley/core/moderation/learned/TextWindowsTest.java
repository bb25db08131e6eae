package dev.parley.core.moderation.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextWindowsTest {

    private final TextWindows windows = new TextWindows(100, 4);

    @Test
    void of_aShortText_isOneWindowOfItself() {
        assertThat(windows.of("  how do i kill a python process  ")).containsExactly("how do i kill a python process");
    }

    @Test
    void of_aLongText_keepsItsFirstAndLastWordsAndNoMoreThanMaxWindows() {
        StringBuilder text = new StringBuilder("first ");
        for (int i = 0; i < 5_000; i++) {
            text.append("filler").append(i).append(' ');
        }
        text.append("last");
        List<String> cut = windows.of(text.toString());
        assertThat(cut).hasSize(4);
        assertThat(cut.getFirst()).startsWith("first ");
        assertThat(cut.getLast()).endsWith(" last");
        assertThat(cut).allSatisfy(window -> assertThat(window.length()).isLessThanOrEqualTo(100));
    }

    @Test
    void of_cutsAtSpacesSoNoWindowStartsOrEndsInsideAWord() {
        String text = "alpha beta gamma delta ".repeat(30).strip();
        for (String window : windows.of(text)) {
            assertThat(text).contains(window);
            assertThat(List.of("alpha", "beta", "gamma", "delta")).anyMatch(window::startsWith);
            assertThat(List.of("alpha", "beta", "gamma", "delta")).anyMatch(window::endsWith);
        }
    }

    @Test
    void of_aTextWithoutSpaces_isCutAnyway_andNeverSplitsASurrogatePair() {
        String text = "😀".repeat(500);
        for (String window : windows.of(text)) {
            assertThat(window.length()).isLessThanOrEqualTo(100);
            assertThat(Character.isLowSurrogate(window.charAt(0))).isFalse();
            assertThat(Character.isHighSurrogate(window.charAt(window.length() - 1))).isFalse();
        }
    }

    @Test
    void of_aTextJustOverOneWindow_givesTwoWindowsThatCoverItsEnds() {
        String text = "word ".repeat(24) + "tail";
        List<String> cut = windows.of(text);
        assertThat(cut).hasSize(2);
        assertThat(cut.getLast()).endsWith("tail");
    }

    @Test
    void constructor_refusesWindowsTooSmallToHoldASentence() {
        assertThatThrownBy(() -> new TextWindows(8, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TextWindows(100, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
