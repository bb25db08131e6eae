package dev.parley.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    @ParameterizedTest
    @ValueSource(strings = {"hello", "/", "/ hello", "  / hello", "//help", "/123", "/@bot", "", "   ", "say /help"})
    void returnsNullForTextThatIsNotACommand(String text) {
        assertThat(CommandLine.parse(text)).isNull();
    }

    @Test
    void parsesTheNameLowerCasedAndTheWordsAfterIt() {
        CommandLine command = CommandLine.parse("  /Moderation terms ADD  Big   Bomb  ");

        assertThat(command).isNotNull();
        assertThat(command.name()).isEqualTo("moderation");
        assertThat(command.words()).containsExactly("terms", "ADD", "Big", "Bomb");
        assertThat(command.raw()).isEqualTo("/Moderation terms ADD  Big   Bomb");
    }

    @Test
    void dropsATelegramBotNameSuffix() {
        CommandLine command = CommandLine.parse("/reset@ParleyBot");

        assertThat(command).isNotNull();
        assertThat(command.name()).isEqualTo("reset");
        assertThat(command.words()).isEmpty();
    }

    @Test
    void dropsTheBotNameSuffixAndKeepsTheWords() {
        CommandLine command = CommandLine.parse("/moderation@ParleyBot terms list");

        assertThat(command).isNotNull();
        assertThat(command.name()).isEqualTo("moderation");
        assertThat(command.words()).containsExactly("terms", "list");
    }

    @Test
    void givesWordsLowerCasedAndEmptyBeyondTheEnd() {
        CommandLine command = CommandLine.parse("/moderation Terms LIST");

        assertThat(command.word(0)).isEqualTo("terms");
        assertThat(command.word(1)).isEqualTo("list");
        assertThat(command.word(2)).isEmpty();
    }

    @Test
    void restAfterKeepsTheRestAsTypedWithInnerSpacing() {
        CommandLine command = CommandLine.parse("/moderation terms add  Pipe   Bomb ");

        assertThat(command.restAfter(2)).isEqualTo("Pipe   Bomb");
        assertThat(command.restAfter(1)).isEqualTo("add  Pipe   Bomb");
        assertThat(command.restAfter(0)).isEqualTo("terms add  Pipe   Bomb");
    }

    @Test
    void restAfterIsEmptyWhenNothingFollows() {
        CommandLine command = CommandLine.parse("/moderation terms add");

        assertThat(command.restAfter(2)).isEmpty();
        assertThat(command.restAfter(5)).isEmpty();
    }

    @Test
    void splitsOnAnyWhitespaceIncludingNewlines() {
        CommandLine command = CommandLine.parse("/moderation test\nline one\tand two");

        assertThat(command.words()).containsExactly("test", "line", "one", "and", "two");
        assertThat(command.restAfter(1)).isEqualTo("line one\tand two");
    }
}
