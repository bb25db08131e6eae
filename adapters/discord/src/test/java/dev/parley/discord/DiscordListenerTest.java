package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiscordListenerTest {

    @Test
    void withoutMention_removesBothMentionFormsOfTheBotOnly() {
        assertThat(DiscordListener.withoutMention("<@123> hello <@!123> there <@456>", "123"))
                .isEqualTo("hello   there <@456>");
        assertThat(DiscordListener.withoutMention("<@123>", "123")).isEmpty();
    }
}
