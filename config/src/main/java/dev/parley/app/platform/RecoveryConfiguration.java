package dev.parley.app.platform;

import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.discord.DiscordAdapter;
import dev.parley.telegram.TelegramAdapter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Takes again at start the questions a killed process had accepted (see {@link QuestionRecovery}). */
@Configuration(proxyBeanMethods = false)
public class RecoveryConfiguration {

    @Bean
    QuestionRecovery questionRecovery(ChatPipeline pipeline, RecoveryProperties recovery,
            ObjectProvider<TelegramAdapter> telegram, ObjectProvider<DiscordAdapter> discord) {
        return new QuestionRecovery(pipeline, recovery.maxAge(), telegram.getIfAvailable(), discord.getIfAvailable());
    }
}
