package dev.parley.app.platform;

import dev.parley.app.chat.PlatformBlockReports;
import dev.parley.app.review.PlatformAuthorNotices;
import dev.parley.app.privacy.PlatformPrivateDelivery;
import dev.parley.app.startup.StartupException;
import dev.parley.app.storage.JdbcUpdateOffsets;
import dev.parley.core.access.AccessControl;
import dev.parley.core.conversation.Platform;
import dev.parley.core.feedback.ReactionVotes;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.review.ReviewQueue;
import dev.parley.core.regenerate.RegenerableAnswers;
import dev.parley.telegram.TelegramAdapter;
import dev.parley.telegram.TelegramStartException;
import java.time.InstantSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the Telegram adapter when {@code parley.telegram.token} is set: it starts once the
 * application is ready (a refused token stops start-up with one clear line) and stops before the
 * core shuts down, so replies still queued can go out.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(TelegramConfiguration.TokenSet.class)
public class TelegramConfiguration {

    @Bean
    TelegramAdapter telegramAdapter(TelegramProperties telegram, ChatPipeline pipeline, InstantSource clock,
            PlatformBlockReports blockReports, JdbcClient jdbc, TransactionTemplate transactions, AccessControl access,
            ReviewQueue reviews, PlatformAuthorNotices authorNotices, PlatformPrivateDelivery privateDelivery,
            ReactionVotes votes, RegenerableAnswers regenerable) {
        var adapter = TelegramAdapter.builder().settings(telegram.toSettings()).pipeline(pipeline).clock(clock)
                .offsets(new JdbcUpdateOffsets(jdbc, transactions)).caches(telegram.replyCaches())
                .served(access.served()).reviews(reviews).votes(votes).build();
        blockReports.register(Platform.TELEGRAM, adapter.blockReports());
        authorNotices.register(Platform.TELEGRAM, adapter.reviewNotices());
        privateDelivery.register(Platform.TELEGRAM, adapter.privateDelivery());
        regenerable.display(Platform.TELEGRAM, adapter.answerButtons());
        return adapter;
    }

    @Bean
    TelegramLifecycle telegramLifecycle(TelegramAdapter adapter) {
        return new TelegramLifecycle(adapter);
    }

    /** Starts the adapter after the context is refreshed and closes it first on shutdown. */
    static final class TelegramLifecycle implements SmartLifecycle {

        private final TelegramAdapter adapter;
        private volatile boolean running;

        TelegramLifecycle(TelegramAdapter adapter) {
            this.adapter = adapter;
        }

        @Override
        public void start() {
            try {
                adapter.start();
                running = true;
            } catch (TelegramStartException e) {
                adapter.close();
                throw new StartupException(e.getMessage());
            }
        }

        @Override
        public void stop() {
            running = false;
            adapter.close();
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    /** {@code parley.telegram.token} is set and not blank (the default in application.yml is empty). */
    static final class TokenSet extends PlatformTokenCondition {
        TokenSet() {
            super("parley.telegram.token");
        }
    }
}
