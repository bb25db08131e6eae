package dev.parley.app.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.app.startup.StartupException;
import dev.parley.core.reply.ReplyCaches;
import dev.parley.telegram.TelegramSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code parley.telegram.*} as Spring binds it, and the adapter settings made of it. */
class TelegramPropertiesTest {

    private static TelegramProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("parley.telegram", TelegramProperties.class);
    }

    @Test
    void withoutAWebhookUrl_theBotLongPolls() {
        TelegramSettings settings = bind(Map.of("parley.telegram.token", "1:abc")).toSettings();

        assertThat(settings.webhook()).isNull();
        assertThat(settings.apiUrl()).isEqualTo(URI.create("https://api.telegram.org"));
    }

    @Test
    void aWebhookUrlWithItsSecret_switchesToWebhookMode_withTheDefaultPathAndPort() {
        TelegramProperties properties = bind(Map.of(
                "parley.telegram.token", "1:abc",
                "parley.telegram.webhook.url", "https://bot.example.org/telegram",
                "parley.telegram.webhook.secret-token", "not_guessable-42"));

        TelegramSettings settings = properties.toSettings();

        assertThat(settings.webhook()).isNotNull().satisfies(hook -> {
            assertThat(hook.url()).isEqualTo(URI.create("https://bot.example.org/telegram"));
            assertThat(hook.path()).isEqualTo("/telegram");
            assertThat(hook.port()).isEqualTo(8443);
            assertThat(hook.secretToken()).isEqualTo("not_guessable-42");
        });
        assertThat(properties.toString()).doesNotContain("not_guessable", "1:abc");
    }

    @Test
    void aWebhookUrlWithoutASecretToken_stopsStartUpWithAClearReason() {
        TelegramProperties properties = bind(Map.of(
                "parley.telegram.token", "1:abc",
                "parley.telegram.webhook.url", "https://bot.example.org/telegram"));

        assertThatThrownBy(properties::toSettings).isInstanceOf(StartupException.class)
                .hasMessageContaining("webhook.secret-token is required");
    }

    @Test
    void cacheBoundsLeftUnset_areTheAdaptersDefaults() {
        assertThat(bind(Map.of("parley.telegram.token", "1:abc")).replyCaches()).isEqualTo(ReplyCaches.DEFAULTS);
    }

    @Test
    void cacheBounds_bindFromTheirKeys() {
        ReplyCaches caches = bind(Map.of(
                "parley.telegram.caches.reply-chains", "5000",
                "parley.telegram.caches.reply-chains-idle", "2h",
                "parley.telegram.caches.edited-replies", "300",
                "parley.telegram.caches.edited-replies-for", "5m")).replyCaches();

        assertThat(caches).isEqualTo(new ReplyCaches(5000, Duration.ofHours(2), 300, Duration.ofMinutes(5)));
    }

    @Test
    void aCacheBoundOfZero_stopsStartUpWithAClearReason() {
        TelegramProperties properties = bind(Map.of("parley.telegram.caches.reply-chains", "0"));

        assertThatThrownBy(() -> properties.replyCaches()).isInstanceOf(StartupException.class)
                .hasMessageContaining("parley.telegram.caches").hasMessageContaining("reply-chains=0");
    }
}
