package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.ChatModel;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.discord.DiscordAdapter;
import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeInteraction;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.RecordedRequest;
import dev.parley.testkit.discord.SentMessage;
import dev.parley.testkit.discord.SlashCommandDraft;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Regenerate button (#19) on Discord end to end: the real JDA client against the fake Discord
 * server (button presses are component interactions), the real llama.cpp runtime on a generated
 * model answering greedily (so a regenerated answer has the same text in a new message), H2 in a
 * file. Each test works in a server of its own.
 */
class DiscordRegenerateIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static FakeDiscordServer server;
    private static FakeUser admin;
    private static FakeUser member;
    private static FakeUser carol;
    private static FakeGuild onGuild;
    private static long on;
    private static FakeGuild offGuild;
    private static long off;
    private static FakeGuild strictGuild;
    private static long strict;
    private static FakeGuild limitedGuild;
    private static long limited;
    private static ConfigurableApplicationContext bot;

    @BeforeAll
    static void start() throws Exception {
        server = FakeDiscordServer.start();
        admin = server.createUser("ada");
        member = server.createUser("bob");
        carol = server.createUser("carol");
        onGuild = guild("On");
        on = onGuild.addTextChannel("talk");
        offGuild = guild("Off");
        off = offGuild.addTextChannel("talk");
        strictGuild = guild("Strict");
        strict = strictGuild.addTextChannel("talk");
        limitedGuild = guild("Limited");
        limited = limitedGuild.addTextChannel("talk");
        bot = DiscordBotUnderTest.start(server, 16);
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static FakeGuild guild(String name) {
        FakeGuild guild = server.createGuild(name);
        guild.addMember(admin, guild.adminRoleId());
        guild.addMember(member);
        guild.addMember(carol);
        return guild;
    }

    @Test
    void theAskersPressReplacesTheAnswerAndLinksBothExchangesWhereFeedbackIsOn() {
        assertThat(feedback(on, admin, "on")).contains("is now on");
        long question = ask(on, member, "hello there");
        long first = answerTo(question, 0);
        long firstExchange = awaitExchange(onGuild, first);
        awaitButton(first);
        String firstText = server.messageContent(first).orElseThrow();

        assertThat(press(on, member, first)).isEqualTo("Writing another answer; it will replace this one.");

        long second = awaitAnswerTo(question, 1);
        server.await(() -> server.messageContent(first).isEmpty(), WAIT, () -> "the replaced answer deleted");
        awaitButton(second);
        assertThat(server.messageContent(second)).as("greedy sampling gives the same text, in a new message")
                .contains(firstText);
        long secondExchange = awaitExchange(onGuild, second);
        assertThat(jdbc().sql("SELECT replaces_id FROM feedback_exchange WHERE id = ?").param(secondExchange)
                .query(Long.class).single()).isEqualTo(firstExchange);
        assertThat(jdbc().sql("SELECT user_text FROM feedback_exchange WHERE id IN (?, ?)")
                .param(firstExchange).param(secondExchange).query(String.class).list())
                .containsOnly("hello there");
    }

    @Test
    void nothingIsStoredWhereFeedbackIsOff() {
        long question = ask(off, member, "good morning");
        long first = answerTo(question, 0);
        awaitButton(first);

        assertThat(press(off, member, first)).startsWith("Writing another answer");

        long second = awaitAnswerTo(question, 1);
        awaitButton(second);
        server.await(() -> server.messageContent(first).isEmpty(), WAIT, () -> "the replaced answer deleted");
        assertThat(exchanges(offGuild)).isZero();
    }

    @Test
    void aPressBySomeoneElseIsRefusedToThemAlone() {
        long question = ask(off, member, "tell me a joke");
        long answer = answerTo(question, 0);
        awaitButton(answer);

        assertThat(press(off, carol, answer)).isEqualTo("Only the person who asked can regenerate this answer.");
        assertThat(answersTo(question)).hasSize(1);
        assertThat(server.messageContent(answer)).isPresent();
    }

    @Test
    void aRegenerationThatOutputModerationBlocksIsWithheldAndTheAnswerStays() {
        assertThat(feedback(strict, admin, "on")).contains("is now on");
        String prompt = "tell me a story";
        long question = ask(strict, member, prompt);
        long first = answerTo(question, 0);
        awaitExchange(strictGuild, first);
        awaitButton(first);
        String learned = server.messageContent(first).orElseThrow();
        TextNormaliser normaliser = new TextNormaliser();
        String unsafe = Arrays.stream(normaliser.normalise(learned).strip().split(" ")).skip(1)
                .filter(word -> word.length() >= 3 && !normaliser.normalise(prompt).contains(" " + word + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no word to block in: " + learned));
        assertThat(command(strict, admin, "moderation", "terms", "operation", "add", "list", "block", "term", unsafe))
                .contains(unsafe);

        assertThat(press(strict, member, first)).startsWith("Writing another answer");

        long withheld = awaitAnswerTo(question, 1);
        server.await(() -> server.messageContent(withheld).orElse("").contains("withheld"), WAIT,
                () -> "the regeneration withheld: " + server.messageContent(withheld));
        awaitIdle();
        assertThat(server.messageContent(first)).as("the answer shown stays").contains(learned);
        assertThat(server.buttons(withheld)).isEmpty();
        assertThat(exchanges(strictGuild)).isEqualTo(1);
    }

    @Test
    void aPressOverTheUsersRateLimitIsRefusedWithTheUsualNotice() {
        assertThat(command(limited, admin, "ratelimit", "set", "level", "user", "per-minute", "1", "burst", "2"))
                .contains("user");
        long question = ask(limited, member, "hello there");
        long first = answerTo(question, 0);
        awaitButton(first);
        assertThat(press(limited, member, first)).startsWith("Writing another answer");
        long second = awaitAnswerTo(question, 1);
        awaitButton(second);

        assertThat(press(limited, member, second)).isEqualTo("No new answer this time; my reply to your question says why.");

        long notice = awaitAnswerTo(question, 2);
        server.await(() -> server.messageContent(notice).orElse("").contains("too fast"), WAIT,
                () -> "the rate limit notice: " + server.messageContent(notice));
        awaitIdle();
        assertThat(server.messageContent(second)).as("the answer shown stays").isPresent();
        assertThat(server.buttons(second)).containsExactly("regenerate");
    }

    // ------------------------------------------------------------------ helpers

    private static DiscordAdapter adapter() {
        return bot.getBean(DiscordAdapter.class);
    }

    /** Mentions the bot with {@code text} and waits until it is handled; the question's id. */
    private static long ask(long channel, FakeUser author, String text) {
        long handledBefore = adapter().messagesHandled();
        long question = server.postMessage(channel, author, server.botUser().mention() + " " + text);
        awaitHandled(handledBefore + 1);
        return question;
    }

    private static List<Long> answersTo(long question) {
        return server.sentMessages().stream()
                .filter(m -> m.kind() == SentMessage.Kind.CREATE && Objects.equals(m.replyTo(), question))
                .map(SentMessage::messageId).toList();
    }

    private static long answerTo(long question, int index) {
        List<Long> answers = answersTo(question);
        assertThat(answers).hasSizeGreaterThan(index);
        return answers.get(index);
    }

    private static long awaitAnswerTo(long question, int index) {
        server.await(() -> answersTo(question).size() > index, WAIT, () -> "answer " + index + " to " + question);
        return answerTo(question, index);
    }

    private static void awaitButton(long message) {
        server.await(() -> server.buttons(message).contains("regenerate"), WAIT,
                () -> "the regenerate button under " + message);
    }

    /** {@code user} presses Regenerate under {@code message}; the ephemeral answer they get. */
    private static String press(long channel, FakeUser user, long message) {
        FakeInteraction interaction = server.pressButton(channel, user, message, "regenerate");
        RecordedRequest answer = server.awaitRequest(r -> r.matches("PATCH",
                "webhooks/*/" + interaction.token() + "/messages/@original") && r.status() < 300, WAIT);
        assertThat(server.interactionCallbacks()).filteredOn(c -> c.interactionId() == interaction.id())
                .allMatch(c -> c.ephemeral());
        return String.valueOf(answer.json().get("content"));
    }

    private static void awaitIdle() {
        server.await(() -> adapter().outbound().pending() == 0 && bot.getBean(ChatModel.class).busySlots() == 0,
                WAIT, () -> "idle");
    }

    private static void awaitHandled(long count) {
        server.await(() -> adapter().messagesHandled() >= count && adapter().outbound().pending() == 0
                        && bot.getBean(ChatModel.class).busySlots() == 0,
                WAIT, () -> "handled " + adapter().messagesHandled() + " of " + count);
    }

    private static String feedback(long channel, FakeUser user, String mode) {
        return command(channel, user, "bot", "feedback", "mode", mode);
    }

    /** Runs a slash-command as {@code user}: the subcommand, then option names and values in pairs. */
    private static String command(long channel, FakeUser user, String name, String subcommand, String... options) {
        SlashCommandDraft draft = server.slashCommand(channel, user, name).subcommand(subcommand);
        for (int i = 0; i + 1 < options.length; i += 2) {
            draft.option(options[i], options[i + 1]);
        }
        long handledBefore = adapter().messagesHandled();
        var interaction = draft.send();
        awaitHandled(handledBefore + 1);
        RecordedRequest answer = server.awaitRequest(r -> r.matches("PATCH",
                "webhooks/*/" + interaction.token() + "/messages/@original") && r.status() < 300, WAIT);
        return String.valueOf(answer.json().get("content"));
    }

    private static long awaitExchange(FakeGuild guild, long reply) {
        server.await(() -> exchangeShownBy(guild, reply).isPresent(), WAIT,
                () -> "the exchange shown by message " + reply + " recorded");
        return exchangeShownBy(guild, reply).orElseThrow();
    }

    private static Optional<Long> exchangeShownBy(FakeGuild guild, long reply) {
        return jdbc().sql("SELECT id FROM feedback_exchange WHERE platform = 'DISCORD' AND scope_id = ?"
                        + " AND reply_message = ?")
                .param(Long.toUnsignedString(guild.id())).param(Long.toUnsignedString(reply))
                .query(Long.class).optional();
    }

    private static long exchanges(FakeGuild guild) {
        return jdbc().sql("SELECT COUNT(*) FROM feedback_exchange WHERE platform = 'DISCORD' AND scope_id = ?")
                .param(Long.toUnsignedString(guild.id())).query(Long.class).single();
    }

    private static JdbcClient jdbc() {
        return bot.getBean(JdbcClient.class);
    }
}
