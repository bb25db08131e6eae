package dev.parley.app.chat;

import dev.parley.app.model.ModelProperties;
import dev.parley.app.storage.JdbcAnswerStore;
import dev.parley.app.storage.JdbcFeedbackConsent;
import dev.parley.app.storage.JdbcFeedbackLog;
import dev.parley.core.feedback.FeedbackConsent;
import dev.parley.core.feedback.FeedbackLog;
import dev.parley.core.feedback.FeedbackRecorder;
import dev.parley.core.feedback.ModelInUse;
import dev.parley.core.feedback.ModelNames;
import dev.parley.core.feedback.ReactionVotes;
import dev.parley.core.modelswap.HotSwap;
import dev.parley.core.modelswap.ModelSpec;
import dev.parley.core.regenerate.RegenerableAnswers;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds feedback (#19): consent and the recorded exchanges and votes in the database, the recorder
 * the pipeline calls for each shown answer, and the votes the adapters hand reactions to.
 */
@Configuration(proxyBeanMethods = false)
public class FeedbackConfiguration implements DisposableBean {

    /**
     * Writes recorded exchanges off the platforms' sending threads. Not a bean: an {@code Executor}
     * bean would stand in for Spring Boot's own task executor.
     */
    private final ExecutorService writer = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("feedback-", 0).factory());

    /** Writes regenerable answers one after the other: an answer's row before its exchange's update. */
    private final ExecutorService answerWriter = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("regenerable-answers").factory());

    @Bean
    FeedbackConsent feedbackConsent(JdbcClient jdbc, TransactionTemplate transactions) {
        return new JdbcFeedbackConsent(jdbc, transactions);
    }

    @Bean
    FeedbackLog feedbackLog(JdbcClient jdbc, TransactionTemplate transactions) {
        return new JdbcFeedbackLog(jdbc, transactions);
    }

    /**
     * Which model answers now: the hot-swapped one where {@code /model load} can change it, else the
     * configured model (or the OpenAI-compatible server's model name).
     */
    @Bean
    ModelInUse modelInUse(ObjectProvider<HotSwap> hotSwap, ModelProperties model) {
        HotSwap swap = hotSwap.getIfAvailable();
        if (swap != null) {
            return () -> names(swap.serving().info().spec());
        }
        ModelNames configured = model.backend() == ModelProperties.Backend.OPENAI
                ? new ModelNames(model.openai().model(), "")
                : new ModelNames(fileName(model.path()), fileName(model.lora().path()));
        return () -> configured;
    }

    @Bean
    FeedbackRecorder feedbackRecorder(FeedbackConsent consent, FeedbackLog log, ModelInUse model,
            InstantSource clock) {
        return new FeedbackRecorder(consent, log, model, clock, writer);
    }

    /**
     * The answers that offer Regenerate (#19), kept in the database too so that their buttons work
     * after a restart; each platform adapter registers how it shows the button.
     */
    @Bean
    RegenerableAnswers regenerableAnswers(InstantSource clock, JdbcClient jdbc) {
        return new RegenerableAnswers(clock, new JdbcAnswerStore(jdbc), answerWriter);
    }

    @Bean
    ReactionVotes reactionVotes(FeedbackConsent consent, FeedbackLog log, InstantSource clock) {
        return new ReactionVotes(consent, log, clock);
    }

    /** Lets the exchanges and answers being written finish. */
    @Override
    public void destroy() {
        writer.close();
        answerWriter.close();
    }

    private static ModelNames names(ModelSpec spec) {
        return new ModelNames(fileName(spec.model()), fileName(spec.lora()));
    }

    private static String fileName(@Nullable Path path) {
        return path == null || path.getFileName() == null ? "" : path.getFileName().toString();
    }
}
