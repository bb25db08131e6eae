package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.storage.RowsNamingUser;
import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.UploadedFile;
import dev.parley.testkit.json.Json;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /export} and {@code /forget me} on Discord end to end (#18, my data): the application with
 * the real JDA client against the fake Discord server and the real llama.cpp runtime on a generated
 * model. The export arrives as a file in a direct message, never in the server's channel; a user
 * who refuses DMs is told so; after {@code /forget me} no table holds the user's id for that server
 * but the opt-out record.
 */
class MyDataDiscordIT {

    private static FakeDiscordServer server;
    private static FakeGuild guild;
    private static long talk;
    private static FakeUser admin;
    private static FakeUser ana;
    private static FakeUser ben;
    private static DiscordBotUnderTest discord;

    @BeforeAll
    static void start() throws Exception {
        server = FakeDiscordServer.start();
        admin = server.createUser("ada");
        ana = server.createUser("ana");
        ben = server.createUser("ben");
        guild = DiscordBotUnderTest.guild(server, "Mine", admin, ana, ben);
        talk = guild.addTextChannel("talk");
        discord = DiscordBotUnderTest.launch(server, 8);
    }

    @AfterAll
    static void stop() {
        DiscordBotUnderTest.stop(discord, server);
    }

    @Test
    void exportArrivesAsADirectMessageFile_andForgetMeLeavesNoRowNamingTheUserInTheServer() throws Exception {
        assertThat(discord.finalText(discord.ask(talk, admin, "/bot history on"))).containsIgnoringCase("history");
        assertThat(discord.finalText(discord.ask(talk, ana, "hello, my dog is called Rex"))).isNotBlank();
        assertThat(discord.finalText(discord.ask(talk, ben, "good morning"))).isNotBlank();

        server.failNextWithStatus("POST channels/*/messages", 1, 403, 50007, "Cannot send messages to this user");
        assertThat(discord.command(talk, ana, "export")).startsWith("I cannot send you a direct message").doesNotContain("Rex");
        assertThat(server.uploadedFiles()).isEmpty();

        String sent = discord.command(talk, ana, "export");

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

        assertThat(discord.command(talk, ana, "forget", "me")).contains("/forget me confirm within 5 minutes");
        assertThat(discord.command(talk, ana, "forget", "me", "confirm", "confirm")).startsWith("Forgotten: ");

        assertThat(RowsNamingUser.find(discord.context().getBean(DataSource.class), "DISCORD", String.valueOf(guild.id()),
                String.valueOf(ana.id()))).containsOnlyKeys("feedback_optout.user_id");
        assertThat(RowsNamingUser.find(discord.context().getBean(DataSource.class), "DISCORD", String.valueOf(guild.id()),
                String.valueOf(ben.id()))).containsKey("history_exchange.user_id");
    }
}
