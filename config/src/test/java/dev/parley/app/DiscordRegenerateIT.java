package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.moderation.TextNormaliser;
import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeInteraction;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.RecordedRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    private static DiscordBotUnderTest discord;

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
        discord = DiscordBotUnderTest.launch(server, 16);
    }

    @AfterAll
    static void stop() {
        DiscordBotUnderTest.stop(discord, server);
    }

    private static FakeGuild guild(String name) {
        return DiscordBotUnderTest.guild(server, name, admin, member, carol);
    }

    @Test
    void theAskersPressReplacesTheAnswerAndLinksBothExchangesWhereFeedbackIsOn() {
        assertThat(feedback(on, admin, "on")).contains("is now on");
        long question = discord.ask(on, member, "hello there");
        long first = answerTo(question, 0);
        long firstExchange = discord.awaitExchange(onGuild, first);
        awaitButton(first);
        String firstText = server.messageContent(first).orElseThrow();

        assertThat(press(on, member, first)).isEqualTo("Writing another answer; it will replace this one.");

        long second = awaitAnswerTo(question, 1);
        server.await(() -> server.messageContent(first).isEmpty(), WAIT, () -> "the replaced answer deleted");
        awaitButton(second);
        assertThat(server.messageContent(second)).as("greedy sampling gives the same text, in a new message")
                .contains(firstText);
        long secondExchange = discord.awaitExchange(onGuild, second);
        assertThat(discord.jdbc().sql("SELECT replaces_id FROM feedback_exchange WHERE id = ?").param(secondExchange)
                .query(Long.class).single()).isEqualTo(firstExchange);
        assertThat(discord.jdbc().sql("SELECT user_text FROM feedback_exchange WHERE id IN (?, ?)")
                .param(firstExchange).param(secondExchange).query(String.class).list())
                .containsOnly("hello there");
    }

    @Test
    void nothingIsStoredWhereFeedbackIsOff() {
        long question = discord.ask(off, member, "good morning");
        long first = answerTo(question, 0);
        awaitButton(first);

        assertThat(press(off, member, first)).startsWith("Writing another answer");

        long second = awaitAnswerTo(question, 1);
        awaitButton(second);
        server.await(() -> server.messageContent(first).isEmpty(), WAIT, () -> "the replaced answer deleted");
        assertThat(discord.feedback(offGuild).exchanges()).isZero();
    }

    @Test
    void aPressBySomeoneElseIsRefusedToThemAlone() {
        long question = discord.ask(off, member, "tell me a joke");
        long answer = answerTo(question, 0);
        awaitButton(answer);

        assertThat(press(off, carol, answer)).isEqualTo("Only the person who asked can regenerate this answer.");
        assertThat(discord.answersTo(question)).hasSize(1);
        assertThat(server.messageContent(answer)).isPresent();
    }

    @Test
    void aRegenerationThatOutputModerationBlocksIsWithheldAndTheAnswerStays() {
        assertThat(feedback(strict, admin, "on")).contains("is now on");
        String prompt = "tell me a story";
        long question = discord.ask(strict, member, prompt);
        long first = answerTo(question, 0);
        discord.awaitExchange(strictGuild, first);
        awaitButton(first);
        String learned = server.messageContent(first).orElseThrow();
        TextNormaliser normaliser = new TextNormaliser();
        String unsafe = Arrays.stream(normaliser.normalise(learned).strip().split(" ")).skip(1)
                .filter(word -> word.length() >= 3 && !normaliser.normalise(prompt).contains(" " + word + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no word to block in: " + learned));
        assertThat(discord.command(strict, admin, "moderation", "terms", "operation", "add", "list", "block", "term", unsafe))
                .contains(unsafe);

        assertThat(press(strict, member, first)).startsWith("Writing another answer");

        long withheld = awaitAnswerTo(question, 1);
        server.await(() -> server.messageContent(withheld).orElse("").contains("withheld"), WAIT,
                () -> "the regeneration withheld: " + server.messageContent(withheld));
        discord.awaitIdle();
        assertThat(server.messageContent(first)).as("the answer shown stays").contains(learned);
        assertThat(server.buttons(withheld)).isEmpty();
        assertThat(discord.feedback(strictGuild).exchanges()).isEqualTo(1);
    }

    @Test
    void aPressOverTheUsersRateLimitIsRefusedWithTheUsualNotice() {
        assertThat(discord.command(limited, admin, "ratelimit", "set", "level", "user", "per-minute", "1", "burst", "2"))
                .contains("user");
        long question = discord.ask(limited, member, "hello there");
        long first = answerTo(question, 0);
        awaitButton(first);
        assertThat(press(limited, member, first)).startsWith("Writing another answer");
        long second = awaitAnswerTo(question, 1);
        awaitButton(second);

        assertThat(press(limited, member, second)).isEqualTo("No new answer this time; my reply to your question says why.");

        long notice = awaitAnswerTo(question, 2);
        server.await(() -> server.messageContent(notice).orElse("").contains("too fast"), WAIT,
                () -> "the rate limit notice: " + server.messageContent(notice));
        discord.awaitIdle();
        assertThat(server.messageContent(second)).as("the answer shown stays").isPresent();
        assertThat(server.buttons(second)).containsExactly("regenerate");
    }

    // ------------------------------------------------------------------ helpers

    private static long answerTo(long question, int index) {
        List<Long> answers = discord.answersTo(question);
        assertThat(answers).hasSizeGreaterThan(index);
        return answers.get(index);
    }

    private static long awaitAnswerTo(long question, int index) {
        server.await(() -> discord.answersTo(question).size() > index, WAIT, () -> "answer " + index + " to " + question);
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

    private static String feedback(long channel, FakeUser user, String mode) {
        return discord.command(channel, user, "bot", "feedback", "mode", mode);
    }
}
