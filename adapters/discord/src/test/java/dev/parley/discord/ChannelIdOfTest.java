package dev.parley.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import org.junit.jupiter.api.Test;

class ChannelIdOfTest {

    @Test
    void aThreadIsPostedInItself() {
        assertThat(DiscordAdapter.channelIdOf(new Location(Platform.DISCORD, "g1", "c1", "t1"))).isEqualTo("t1");
    }

    @Test
    void withoutAThread_theChannelIs() {
        assertThat(DiscordAdapter.channelIdOf(new Location(Platform.DISCORD, "g1", "c1", null))).isEqualTo("c1");
    }
}
