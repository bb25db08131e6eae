package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.ChatModel;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.discord.DiscordAdapter;
import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.RecordedRequest;
import dev.parley.testkit.discord.SentMessage;
import dev.parley.testkit.discord.SlashCommandDraft;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

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
    private static ConfigurableApplicationContext bot;

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
    void aThumbOnTheBotsReplyIsStoredReplacedAndDeletedWhereFeedbackIsOn() {
        assertThat(feedback(votes, admin, "on")).contains("is now on");
        long reply = answer(votes, member, "hello there");
        long exchange = awaitExchange(votesGuild, reply);
        assertThat(jdbc().sql("SELECT author_id, user_text, model_name FROM feedback_exchange WHERE id = ?")
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
        assertThat(exchanges(offGuild)).isZero();

        assertThat(feedback(off, admin, "on")).contains("is now on");
        long recorded = answer(off, member, "good morning");
        long exchange = awaitExchange(offGuild, recorded);
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
        awaitExchange(optedGuild, bobs);

        assertThat(exchangeShownBy(optedGuild, carols)).isEmpty();
        assertThat(exchanges(optedGuild)).isEqualTo(1);
    }

    @Test
    void aReplyWithheldByOutputModerationIsNotRecorded() {
        assertThat(feedback(strict, admin, "on")).contains("is now on");
        String prompt = "tell me a story";
        long learnedReply = answer(strict, member, prompt);
        awaitExchange(strictGuild, learnedReply);
        String learned = server.messageContent(learnedReply).orElseThrow();
        TextNormaliser normaliser = new TextNormaliser();
        String unsafe = Arrays.stream(normaliser.normalise(learned).strip().split(" ")).skip(1)
                .filter(word -> word.length() >= 3 && !normaliser.normalise(prompt).contains(" " + word + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no word to block in: " + learned));
        assertThat(command(strict, admin, "moderation", "terms", "operation", "add", "list", "block", "term", unsafe))
                .contains(unsafe);

        long withheld = answer(strict, member, prompt);

        assertThat(server.messageContent(withheld)).hasValueSatisfying(text -> assertThat(text).contains("withheld"));
        assertThat(exchangeShownBy(strictGuild, withheld)).isEmpty();
        assertThat(exchanges(strictGuild)).isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    private static DiscordAdapter adapter() {
        return bot.getBean(DiscordAdapter.class);
    }

    /** Mentions the bot with {@code text}, waits until the answer is out; the id of the answer's first message. */
    private static long answer(long channel, FakeUser author, String text) {
        long handledBefore = adapter().messagesHandled();
        long question = server.postMessage(channel, author, server.botUser().mention() + " " + text);
        awaitHandled(handledBefore + 1);
        return server.sentMessages().stream()
                .filter(m -> m.kind() == SentMessage.Kind.CREATE && Objects.equals(m.replyTo(), question))
                .map(SentMessage::messageId).findFirst()
                .orElseThrow(() -> new AssertionError("no answer to " + text));
    }

    private static void react(long channel, long message, FakeUser user, String emoji, boolean add) {
        long before = adapter().reactionsHandled();
        if (add) {
            server.react(channel, message, user, emoji);
        } else {
            server.unreact(channel, message, user, emoji);
        }
        server.await(() -> adapter().reactionsHandled() > before, WAIT, () -> "the reaction " + emoji + " handled");
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

    private static Optional<Integer> vote(long exchange, FakeUser voter) {
        return jdbc().sql("SELECT vote FROM feedback_vote WHERE exchange_id = ? AND voter_id = ?")
                .param(exchange).param(Long.toUnsignedString(voter.id())).query(Integer.class).optional();
    }

    private static JdbcClient jdbc() {
        return bot.getBean(JdbcClient.class);
    }
}
