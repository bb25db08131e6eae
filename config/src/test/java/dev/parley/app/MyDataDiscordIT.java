package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.storage.RowsNamingUser;
import dev.parley.core.model.ChatModel;
import dev.parley.discord.DiscordAdapter;
import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.RecordedRequest;
import dev.parley.testkit.discord.SentMessage;
import dev.parley.testkit.discord.SlashCommandDraft;
import dev.parley.testkit.discord.UploadedFile;
import dev.parley.testkit.json.Json;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code /export} and {@code /forget me} on Discord end to end (#18, my data): the application with
 * the real JDA client against the fake Discord server and the real llama.cpp runtime on a generated
 * model. The export arrives as a file in a direct message, never in the server's channel; a user
 * who refuses DMs is told so; after {@code /forget me} no table holds the user's id for that server
 * but the opt-out record.
 */
class MyDataDiscordIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static FakeDiscordServer server;
    private static FakeGuild guild;
    private static long talk;
    private static FakeUser admin;
    private static FakeUser ana;
    private static FakeUser ben;
    private static ConfigurableApplicationContext bot;

    @BeforeAll
    static void start() throws Exception {
        server = FakeDiscordServer.start();
        guild = server.createGuild("Mine");
        talk = guild.addTextChannel("talk");
        admin = server.createUser("ada");
        ana = server.createUser("ana");
        ben = server.createUser("ben");
        guild.addMember(admin, guild.adminRoleId());
        guild.addMember(ana);
        guild.addMember(ben);
        bot = DiscordBotUnderTest.start(server, 8);
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

    @Test
    void exportArrivesAsADirectMessageFile_andForgetMeLeavesNoRowNamingTheUserInTheServer() throws Exception {
        assertThat(finalText(ask(talk, admin, "/bot history on"))).containsIgnoringCase("history");
        assertThat(finalText(ask(talk, ana, "hello, my dog is called Rex"))).isNotBlank();
        assertThat(finalText(ask(talk, ben, "good morning"))).isNotBlank();

        server.failNextWithStatus("POST channels/*/messages", 1, 403, 50007, "Cannot send messages to this user");
        assertThat(command(talk, ana, "export")).startsWith("I cannot send you a direct message").doesNotContain("Rex");
        assertThat(server.uploadedFiles()).isEmpty();

        String sent = command(talk, ana, "export");

        assertThat(sent).startsWith("I sent you privately what is stored about you in this server:");
        UploadedFile file = server.uploadedFiles().getFirst();
        assertThat(file.channelId()).as("the DM channel, not the server's").isEqualTo(server.openDm(ana));
        assertThat(file.fileName()).isEqualTo("parley-export-discord-" + guild.id() + ".json");
        Map<?, ?> sections = (Map<?, ?>) ((Map<?, ?>) Json.parse(file.text())).get("sections");
        assertThat((List<?>) sections.get("conversation")).singleElement()
                .satisfies(turn -> assertThat(((Map<?, ?>) turn).get("user_text")).isEqualTo("hello, my dog is called Rex"));
        assertThat(file.text()).doesNotContain("good morning");
        assertThat(server.sentMessages()).filteredOn(m -> m.channelId() == talk)
                .noneMatch(m -> m.content().contains("Rex"));

        assertThat(command(talk, ana, "forget", "me")).contains("/forget me confirm within 5 minutes");
        assertThat(command(talk, ana, "forget", "me", "confirm", "confirm")).startsWith("Forgotten: ");

        assertThat(RowsNamingUser.find(bot.getBean(DataSource.class), "DISCORD", String.valueOf(guild.id()),
                String.valueOf(ana.id()))).containsOnlyKeys("feedback_optout.user_id");
        assertThat(RowsNamingUser.find(bot.getBean(DataSource.class), "DISCORD", String.valueOf(guild.id()),
                String.valueOf(ben.id()))).containsKey("history_exchange.user_id");
    }

    private static DiscordAdapter adapter() {
        return bot.getBean(DiscordAdapter.class);
    }

    /** Mentions the bot with {@code text} and waits until the answer is out. */
    private static long ask(long channel, FakeUser author, String text) {
        long handledBefore = adapter().messagesHandled();
        long id = server.postMessage(channel, author, server.botUser().mention() + " " + text);
        awaitHandled(handledBefore + 1);
        return id;
    }

    private static void awaitHandled(long count) {
        server.await(() -> adapter().messagesHandled() >= count && adapter().outbound().pending() == 0
                        && bot.getBean(ChatModel.class).busySlots() == 0,
                WAIT, () -> "handled " + adapter().messagesHandled() + " of " + count);
    }

    /** The text the answer to {@code question} shows now, or null when there is none. */
    private static String finalText(long question) {
        return server.sentMessages().stream()
                .filter(m -> m.kind() == SentMessage.Kind.CREATE && Objects.equals(m.replyTo(), question))
                .findFirst().flatMap(m -> server.messageContent(m.messageId())).orElse(null);
    }

    /** Runs a slash-command and returns its ephemeral answer; {@code words}: a subcommand, then option pairs. */
    private static String command(long channel, FakeUser user, String name, String... words) {
        SlashCommandDraft draft = server.slashCommand(channel, user, name);
        int i = 0;
        if (words.length % 2 == 1) {
            draft.subcommand(words[0]);
            i = 1;
        }
        for (; i + 1 < words.length; i += 2) {
            draft.option(words[i], words[i + 1]);
        }
        long handledBefore = adapter().messagesHandled();
        var interaction = draft.send();
        awaitHandled(handledBefore + 1);
        RecordedRequest answer = server.awaitRequest(r -> r.matches("PATCH",
                "webhooks/*/" + interaction.token() + "/messages/@original") && r.status() < 300, WAIT);
        return String.valueOf(answer.json().get("content"));
    }
}
