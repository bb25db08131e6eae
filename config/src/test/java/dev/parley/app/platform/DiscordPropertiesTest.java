package dev.parley.app.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.app.startup.StartupException;
import dev.parley.core.reply.ReplyCaches;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code parley.discord.caches.*} as Spring binds it, and the adapter's bounds made of it. */
class DiscordPropertiesTest {

    private static DiscordProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("parley.discord", DiscordProperties.class);
    }

    @Test
    void cacheBoundsLeftUnset_areTheAdaptersDefaults() {
        assertThat(bind(Map.of("parley.discord.token", "abc")).replyCaches()).isEqualTo(ReplyCaches.DEFAULTS);
    }

    @Test
    void cacheBounds_bindFromTheirKeys() {
        ReplyCaches caches = bind(Map.of(
                "parley.discord.caches.reply-chains", "5000",
                "parley.discord.caches.reply-chains-idle", "2h",
                "parley.discord.caches.edited-replies", "300",
                "parley.discord.caches.edited-replies-for", "5m")).replyCaches();

        assertThat(caches).isEqualTo(new ReplyCaches(5000, Duration.ofHours(2), 300, Duration.ofMinutes(5)));
    }

    @Test
    void aNegativeCacheBound_stopsStartUpWithAClearReason() {
        DiscordProperties properties = bind(Map.of("parley.discord.caches.edited-replies", "-1"));

        assertThatThrownBy(() -> properties.replyCaches()).isInstanceOf(StartupException.class)
                .hasMessageContaining("parley.discord.caches").hasMessageContaining("edited-replies=-1");
    }
}
