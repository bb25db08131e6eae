package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.ConversationKey;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.model.ChatModel;
import dev.parley.core.persona.Persona;
import dev.parley.core.persona.PersonaSelector;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.Outcome;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The real application for the quota tests, started in this JVM on a generated model with a clock
 * the test moves, and what it takes to ask it questions and to know, independently of the
 * pipeline, how many tokens each answered question should cost.
 */
final class QuotaApp implements AutoCloseable {

    /** The time every started application reads; the tests move it. */
    static final class MovableClock implements InstantSource {

        private final AtomicReference<Instant> now;

        MovableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    /** A question the model answered, and what it should have cost: its prompt's tokens plus its answer's. */
    record Answered(String reply, long tokens) {}

    final ConfigurableApplicationContext context;

    private QuotaApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static QuotaApp start(String modelPath, MovableClock clock, List<String> properties, String... args) {
        List<String> all = new ArrayList<>(List.of(
                "parley.console.enabled=false",
                "parley.model.path=" + modelPath,
                "parley.model.parallel=1",
                "parley.model.temperature=0",
                "parley.model.max-new-tokens=8",
                "parley.model.context-size=512",
                "parley.limits.user-burst=1000",
                "parley.limits.channel-burst=1000",
                "parley.limits.server-burst=1000",
                "parley.limits.queue-per-user=100"));
        all.addAll(properties);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ParleyApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(all.toArray(String[]::new))
                // the clock every part of the application reads, so periods renew when the test says
                .initializers(ctx -> ((GenericApplicationContext) ctx).registerBean("testClock", InstantSource.class,
                        () -> clock, definition -> definition.setPrimary(true)))
                .run(args);
        return new QuotaApp(context);
    }

    /** Sends {@code text} from {@code who} in a conversation of its own; the future of its outcome and notices. */
    CompletableFuture<Outcome> ask(Location where, Author who, String text, RecordingSink sink) {
        String id = UUID.randomUUID().toString();
        return context.getBean(ChatPipeline.class).handle(new InboundMessage(id, where, who, text, null, true, false,
                Instant.now(), "root-" + id), sink);
    }

    /** Asks and expects an answer; returns it with the tokens it should cost. */
    Answered answer(Location where, Author who, String text) {
        long promptTokens = promptTokens(where, text);
        Outcome outcome = ask(where, who, text, new RecordingSink()).join();
        assertThat(outcome).as(text).isInstanceOf(Outcome.Answered.class);
        String reply = ((Outcome.Answered) outcome).reply();
        return new Answered(reply, promptTokens + context.getBean(ChatModel.class).countTokens(reply));
    }

    /** The tokens of the prompt a fresh conversation starting with {@code text} is answered with. */
    long promptTokens(Location where, String text) {
        Persona persona = context.getBean(PersonaSelector.class).personaFor(where);
        int budget = context.getBean(ChatModel.class).contextSize() - persona.generation().maxNewTokens();
        return context.getBean(ConversationMemory.class).promptFor(new ConversationKey(where, "fresh-" + UUID.randomUUID()),
                persona.systemPrompt(), text, budget).tokens();
    }

    /** Runs a command and returns the bot's answer. */
    String command(Location where, Author who, String text) {
        var sink = new RecordingSink();
        Outcome outcome = ask(where, who, text, sink).join();
        assertThat(outcome).as(text).isInstanceOf(Outcome.CommandAnswered.class);
        return sink.notices.stream().map(Notice::text).reduce("", String::concat);
    }

    /** The stored counter row of {@code level} and {@code subject} on {@code day}, "messages tokens", or "none". */
    String counter(Location where, String level, String subject, String day) {
        return context.getBean(JdbcClient.class).sql("""
                        SELECT messages, tokens FROM quota_usage WHERE platform = :platform AND scope_id = :scope
                          AND counter_level = :level AND subject_id = :subject AND usage_day = :day""")
                .param("platform", where.platform().name())
                .param("scope", where.scopeId())
                .param("level", level)
                .param("subject", subject)
                .param("day", java.time.LocalDate.parse(day))
                .query((rs, n) -> rs.getLong("messages") + " " + rs.getLong("tokens"))
                .optional().orElse("none");
    }

    @Override
    public void close() {
        context.close();
    }
}
