package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.moderation.Verdict;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ModerationPropertiesTest {

    private static ModerationProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("parley.moderation", ModerationProperties.class);
    }

    @Test
    void theSelfHarmNoticeDefaultsToSupportInEnglishAndPortuguese() {
        String notice = bind(Map.of()).toDefaults().selfHarmNotice();

        assertThat(notice).isEqualTo(ModerationDefaults.SELF_HARM_NOTICE)
                .contains("You are not alone", "Você não está sozinho(a)", "188", "cvv.org.br", "findahelpline.com");
    }

    @Test
    void theSelfHarmNoticeIsConfigurableAndReachesThePolicy() {
        ModerationProperties properties = bind(Map.of("parley.moderation.self-harm-notice", "Talk to us: 0800 123."));

        var policies = new ModerationPolicies(new InMemorySettingsStore(), properties.toDefaults(), new TextNormaliser());
        var policy = policies.forScope(new ScopeKey(Platform.CONSOLE, "local"));

        assertThat(policy.notice(Direction.INPUT,
                new Verdict.Block("local", Category.SELF_HARM_INTENT.apiName(), "self-harm/intent 0.9")))
                .isEqualTo("Talk to us: 0800 123.");
    }
}
