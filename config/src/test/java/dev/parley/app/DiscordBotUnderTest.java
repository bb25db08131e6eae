package dev.parley.app;

import dev.parley.core.model.ChatModel;
import dev.parley.discord.DiscordAdapter;
import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeInteraction;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.RecordedRequest;
import dev.parley.testkit.discord.SentMessage;
import dev.parley.testkit.discord.SlashCommandDraft;
import dev.parley.testkit.gguf.TinyLlamaModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Parley started against the fake Discord server with the real JDA client: a generated model
 * answering greedily, H2 in a file of its own (so that {@link #restart()} finds what the bot
 * stored), limits generous enough that no test meets them unless it sets its own, and the adapter
 * connected before the start returns. Its methods do what a user does (mention the bot, run a
 * slash-command) and wait until the bot handled it, sent everything and the model is idle.
 */
final class DiscordBotUnderTest implements BotUnderTest, AutoCloseable {

    /** The longest a test waits for one step of the bot's work. */
    static final Duration WAIT = Duration.ofSeconds(60);

    /** The longest a test waits for the bot to finish work it keeps making progress on. */
    static final Duration MOST = Duration.ofMinutes(15);

    private final FakeDiscordServer server;
    private final Path workDir;
    private final Path model;
    private final List<String> args;
    private ConfigurableApplicationContext context;

    private DiscordBotUnderTest(FakeDiscordServer server, Path workDir, List<String> settings)
            throws InterruptedException {
        this.server = server;
        this.workDir = workDir;
        this.model = workDir.resolve("tiny.gguf");
        this.args = arguments(settings);
        this.context = startApplication();
    }

    /**
     * Starts the bot; {@code extra} are further {@code --name=value} arguments, which replace the
     * fixture's own of the same name.
     */
    static ConfigurableApplicationContext start(FakeDiscordServer server, int maxNewTokens, String... extra)
            throws IOException, InterruptedException {
        return launch(server, maxNewTokens, extra).context;
    }

    /**
     * Starts the bot on the generated model and {@code server}, which it closes with itself;
     * {@code extra} are further {@code --name=value} arguments, which replace the fixture's own of
     * the same name (e.g. {@code --parley.model.context-size=2048}).
     */
    static DiscordBotUnderTest launch(FakeDiscordServer server, int maxNewTokens, String... extra)
            throws IOException, InterruptedException {
        Path workDir = Files.createTempDirectory("parley-discord-it");
        TinyLlamaModel.builder().build().writeTo(workDir.resolve("tiny.gguf"));
        List<String> settings = new ArrayList<>(List.of("--parley.model.max-new-tokens=" + maxNewTokens));
        settings.addAll(List.of(extra));
        return new DiscordBotUnderTest(server, workDir, settings);
    }

    /** A server named {@code name} on {@code server}, with {@code admin} in its admin role and {@code members}. */
    static FakeGuild guild(FakeDiscordServer server, String name, FakeUser admin, FakeUser... members) {
        FakeGuild guild = server.createGuild(name);
        guild.addMember(admin, guild.adminRoleId());
        for (FakeUser member : members) {
            guild.addMember(member);
        }
        return guild;
    }

    private List<String> arguments(List<String> settings) {
        // as command-line arguments: they override application.yml, whose token is ${DISCORD_TOKEN:}
        return BotUnderTest.arguments(model, workDir, List.of(
                "--parley.discord.token=" + server.token(),
                "--parley.discord.rest-url=" + server.restBaseUrl(),
                "--parley.discord.gateway-url=" + server.gatewayUrl()), settings);
    }

    private ConfigurableApplicationContext startApplication() throws InterruptedException {
        ConfigurableApplicationContext started = new SpringApplicationBuilder(ParleyApplication.class)
                .run(args.toArray(String[]::new));
        started.getBean(DiscordAdapter.class).awaitReady();
        return started;
    }

    /** The running application. */
    ConfigurableApplicationContext context() {
        return context;
    }

    DiscordAdapter adapter() {
        return context.getBean(DiscordAdapter.class);
    }

    JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    /** Stops the application and starts it again on the same database and model. */
    void restart() throws InterruptedException {
        context.close();
        context = startApplication();
    }

    /** Mentions the bot with {@code text} and waits until it is handled; the question's id. */
    long ask(long channel, FakeUser author, String text) {
        return post(channel, author, server.botUser().mention() + " " + text);
    }

    /** Posts {@code text} as it is (a direct message needs no mention) and waits until it is handled; its id. */
    long post(long channel, FakeUser author, String text) {
        return handling(() -> server.postMessage(channel, author, text));
    }

    @Override
    public long messagesHandled() {
        return adapter().messagesHandled();
    }

    /** Waits until {@code count} messages were handled and every send went out, with the model idle. */
    @Override
    public void awaitHandled(long count) {
        awaitWork(() -> adapter().messagesHandled() >= count && idle(),
                () -> "handled " + adapter().messagesHandled() + " of " + count + ", pending "
                        + adapter().outbound().pending());
    }

    /** Waits until every send went out and the model is idle. */
    void awaitIdle() {
        awaitWork(this::idle, () -> "idle, pending " + adapter().outbound().pending());
    }

    private boolean idle() {
        return adapter().outbound().pending() == 0 && context.getBean(ChatModel.class).busySlots() == 0;
    }

    /**
     * Waits until {@code done} holds while the bot works towards it: it fails once the bot made no
     * progress (no token generated, no request to the server, no message handled) for {@link #WAIT},
     * or after {@link #MOST}. A fixed bound fails a long answer on a loaded machine, where every
     * token takes many times longer than at idle.
     */
    private void awaitWork(BooleanSupplier done, Supplier<String> what) {
        long giveUp = System.nanoTime() + MOST.toNanos();
        while (!done.getAsBoolean()) {
            long before = progress();
            server.await(() -> done.getAsBoolean() || progress() != before, WAIT,
                    () -> what.get() + " (no progress for " + WAIT + ")");
            if (System.nanoTime() - giveUp > 0) {
                throw new AssertionError("still not " + what.get() + " after " + MOST);
            }
        }
    }

    /** A number that grows whenever the bot does some of its work. */
    private long progress() {
        double tokens = context.getBean(MeterRegistry.class).get("parley.model.tokens.generated").functionCounter()
                .count();
        return (long) tokens + server.requests().size() + adapter().messagesHandled();
    }

    /** What the bot posted and edited in answer to {@code question}, in order. */
    List<SentMessage> replyTo(long question) {
        List<Long> ids = answersTo(question);
        return server.sentMessages().stream()
                .filter(m -> (m.kind() == SentMessage.Kind.CREATE || m.kind() == SentMessage.Kind.EDIT)
                        && ids.contains(m.messageId()))
                .toList();
    }

    /** The ids of the messages the bot posted in answer to {@code question}, deleted ones included, in order. */
    List<Long> answersTo(long question) {
        return server.sentMessages().stream()
                .filter(m -> m.kind() == SentMessage.Kind.CREATE && Objects.equals(m.replyTo(), question))
                .map(SentMessage::messageId).toList();
    }

    /** The text the answer to {@code question} shows now, or null when there is none. */
    @Nullable String finalText(long question) {
        List<Long> answers = answersTo(question);
        return answers.isEmpty() ? null : server.messageContent(answers.getFirst()).orElse(null);
    }

    /**
     * Runs a slash-command as {@code user} and returns the ephemeral answer.
     *
     * @param words the subcommand (if the first word is one), then option names and values
     *     ({@code String}, {@code Long} or {@code Double}) in pairs
     */
    String command(long channel, FakeUser user, String name, Object... words) {
        SlashCommandDraft draft = server.slashCommand(channel, user, name);
        int i = 0;
        if (words.length % 2 == 1) {
            draft.subcommand((String) words[0]);
            i = 1;
        }
        for (; i + 1 < words.length; i += 2) {
            String option = (String) words[i];
            switch (words[i + 1]) {
                case String text -> draft.option(option, text);
                case Long number -> draft.option(option, (long) number);
                case Double number -> draft.option(option, (double) number);
                default -> throw new IllegalArgumentException("option type " + words[i + 1].getClass());
            }
        }
        return send(draft);
    }

    /** Dispatches a slash-command and returns its ephemeral answer. */
    String send(SlashCommandDraft draft) {
        return answerTo(handling(draft::send));
    }

    /** The ephemeral answer to an interaction (a slash-command or a button press): the deferred reply's edit. */
    String answerTo(FakeInteraction interaction) {
        RecordedRequest answer = server.awaitRequest(r -> r.matches("PATCH",
                "webhooks/*/" + interaction.token() + "/messages/@original") && r.status() < 300, WAIT);
        return String.valueOf(answer.json().get("content"));
    }

    /** The feedback tables as the test reads them for {@code guild}. */
    FeedbackRows feedback(FakeGuild guild) {
        return new FeedbackRows(jdbc(), "DISCORD", Long.toUnsignedString(guild.id()));
    }

    /** Waits until the exchange the bot's message {@code reply} in {@code guild} shows is recorded; its id. */
    long awaitExchange(FakeGuild guild, long reply) {
        String message = Long.toUnsignedString(reply);
        server.await(() -> feedback(guild).exchangeShownBy(message).isPresent(), WAIT,
                () -> "the exchange shown by message " + reply + " recorded");
        return feedback(guild).exchangeShownBy(message).orElseThrow();
    }

    /** The exchange the bot's message {@code reply} in {@code guild} shows, if it was recorded. */
    Optional<Long> exchangeShownBy(FakeGuild guild, long reply) {
        return feedback(guild).exchangeShownBy(Long.toUnsignedString(reply));
    }

    /** Closes {@code bot}, which closes its server, or {@code server} alone when the bot never started. */
    static void stop(@Nullable DiscordBotUnderTest bot, @Nullable FakeDiscordServer server) {
        if (bot != null) {
            bot.close();
        } else if (server != null) {
            server.close();
        }
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            server.close();
        }
    }
}
