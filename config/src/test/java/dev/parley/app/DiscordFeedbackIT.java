package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.moderation.TextNormaliser;
import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeUser;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feedback (#19) on Discord end to end: the real JDA client against the fake Discord server (its
 * gateway dispatches MESSAGE_REACTION_ADD and _REMOVE), the real llama.cpp runtime on a generated
 * model, H2 in a file. Each test works in a server of its own.
 */
class DiscordFeedbackIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static FakeDiscordServer server;
    private static FakeUser admin;
    private static FakeUser member;
    private static FakeUser carol;
    private static FakeGuild votesGuild;
    private static long votes;
    private static FakeGuild offGuild;
    private static long off;
    private static FakeGuild optedGuild;
    private static long opted;
    private static FakeGuild strictGuild;
    private static long strict;
    private static DiscordBotUnderTest discord;

    @BeforeAll
    static void start() throws Exception {
        server = FakeDiscordServer.start();
        admin = server.createUser("ada");
        member = server.createUser("bob");
        carol = server.createUser("carol");
        votesGuild = guild("Votes");
        votes = votesGuild.addTextChannel("talk");
        offGuild = guild("Off");
        off = offGuild.addTextChannel("talk");
        optedGuild = guild("Opted");
        opted = optedGuild.addTextChannel("talk");
        strictGuild = guild("Strict");
        strict = strictGuild.addTextChannel("talk");
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
    void aThumbOnTheBotsReplyIsStoredReplacedAndDeletedWhereFeedbackIsOn() {
        assertThat(feedback(votes, admin, "on")).contains("is now on");
        long reply = answer(votes, member, "hello there");
        long exchange = discord.awaitExchange(votesGuild, reply);
        assertThat(discord.jdbc().sql("SELECT author_id, user_text, model_name FROM feedback_exchange WHERE id = ?")
                .param(exchange).query((rs, n) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3))
                .single()).isEqualTo(Long.toUnsignedString(member.id()) + "|hello there|tiny.gguf");

        react(votes, reply, admin, "👍", true);
        assertThat(vote(exchange, admin)).contains(1);
        react(votes, reply, admin, "👎", true);
        assertThat(vote(exchange, admin)).contains(-1);
        react(votes, reply, admin, "👍", false);
        assertThat(vote(exchange, admin)).as("taking off the other thumb keeps the vote").contains(-1);
        react(votes, reply, admin, "👎", false);
        assertThat(vote(exchange, admin)).isEmpty();
    }

    @Test
    void nothingIsStoredWhereFeedbackIsOff() {
        long unrecorded = answer(off, member, "hello there");
        react(off, unrecorded, admin, "👍", true);
        assertThat(discord.feedback(offGuild).exchanges()).isZero();

        assertThat(feedback(off, admin, "on")).contains("is now on");
        long recorded = answer(off, member, "good morning");
        long exchange = discord.awaitExchange(offGuild, recorded);
        assertThat(feedback(off, admin, "off")).contains("is now off");
        react(off, recorded, admin, "👍", true);

        assertThat(vote(exchange, admin)).isEmpty();
        assertThat(feedback(off, member, "on")).startsWith("Only admins");
    }

    @Test
    void anOptedOutUsersExchangeIsNotRecorded() {
        assertThat(feedback(opted, admin, "on")).contains("is now on");
        assertThat(feedback(opted, carol, "optout")).startsWith("You opted out");

        long carols = answer(opted, carol, "hello there");
        long bobs = answer(opted, member, "hello there");
        discord.awaitExchange(optedGuild, bobs);

        assertThat(discord.exchangeShownBy(optedGuild, carols)).isEmpty();
        assertThat(discord.feedback(optedGuild).exchanges()).isEqualTo(1);
    }

    @Test
    void aReplyWithheldByOutputModerationIsNotRecorded() {
        assertThat(feedback(strict, admin, "on")).contains("is now on");
        String prompt = "tell me a story";
        long learnedReply = answer(strict, member, prompt);
        discord.awaitExchange(strictGuild, learnedReply);
        String learned = server.messageContent(learnedReply).orElseThrow();
        TextNormaliser normaliser = new TextNormaliser();
        String unsafe = Arrays.stream(normaliser.normalise(learned).strip().split(" ")).skip(1)
                .filter(word -> word.length() >= 3 && !normaliser.normalise(prompt).contains(" " + word + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no word to block in: " + learned));
        assertThat(discord.command(strict, admin, "moderation", "terms", "operation", "add", "list", "block", "term", unsafe))
                .contains(unsafe);

        long withheld = answer(strict, member, prompt);

        assertThat(server.messageContent(withheld)).hasValueSatisfying(text -> assertThat(text).contains("withheld"));
        assertThat(discord.exchangeShownBy(strictGuild, withheld)).isEmpty();
        assertThat(discord.feedback(strictGuild).exchanges()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    /** Mentions the bot with {@code text}, waits until the answer is out; the id of the answer's first message. */
    private static long answer(long channel, FakeUser author, String text) {
        long question = discord.ask(channel, author, text);
        return discord.answersTo(question).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no answer to " + text));
    }

    private static void react(long channel, long message, FakeUser user, String emoji, boolean add) {
        long before = discord.adapter().reactionsHandled();
        if (add) {
            server.react(channel, message, user, emoji);
        } else {
            server.unreact(channel, message, user, emoji);
        }
        server.await(() -> discord.adapter().reactionsHandled() > before, WAIT, () -> "the reaction " + emoji + " handled");
    }

    private static String feedback(long channel, FakeUser user, String mode) {
        return discord.command(channel, user, "bot", "feedback", "mode", mode);
    }

    private static Optional<Integer> vote(long exchange, FakeUser voter) {
        return discord.jdbc().sql("SELECT vote FROM feedback_vote WHERE exchange_id = ? AND voter_id = ?")
                .param(exchange).param(Long.toUnsignedString(voter.id())).query(Integer.class).optional();
    }
}
