package dev.parley.testkit.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real JDA 6 client against the fake server: connecting, receiving and sending messages. */
class FakeDiscordServerJdaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private FakeDiscordServer server;
    private FakeGuild guild;
    private long general;
    private FakeUser alice;
    private RecordingListener events;
    private JDA jda;

    @BeforeEach
    void connect() throws InterruptedException {
        server = FakeDiscordServer.start();
        guild = server.createGuild("Parley Test");
        general = guild.addTextChannel("general");
        alice = server.createUser("alice");
        guild.addMember(alice);
        events = new RecordingListener();
        jda = JdaTestSetup.connect(server, events);
    }

    @AfterEach
    void close() throws InterruptedException {
        if (jda != null) {
            JdaTestSetup.shutdown(jda);
        }
        server.close();
    }

    @Test
    void awaitReady_seesTheGuildItsChannelAndItself() {
        assertThat(jda.getSelfUser().getIdLong()).isEqualTo(server.botUser().id());
        assertThat(jda.getGuildById(guild.id())).isNotNull();
        assertThat(jda.getTextChannelById(general)).isNotNull();
        assertThat(jda.getGuildById(guild.id()).getSelfMember().hasAccess(jda.getTextChannelById(general))).isTrue();
        assertThat(server.identifyCount()).isEqualTo(1);
        assertThat(server.unknownRequests()).isEmpty();
    }

    @Test
    void postMessage_reachesTheListenerWithContentAuthorAndMentions() throws InterruptedException {
        long id = server.postMessage(general, alice, "hi " + server.botUser().mention() + " how are you");

        MessageReceivedEvent event = events.await(MessageReceivedEvent.class, e -> e.getMessageIdLong() == id, TIMEOUT);

        Message message = event.getMessage();
        assertThat(message.getContentRaw()).isEqualTo("hi <@" + server.botUser().id() + "> how are you");
        assertThat(message.getAuthor().getIdLong()).isEqualTo(alice.id());
        assertThat(message.getAuthor().isBot()).isFalse();
        assertThat(message.getMentions().isMentioned(jda.getSelfUser())).isTrue();
        assertThat(message.getChannelType()).isEqualTo(ChannelType.TEXT);
        assertThat(message.getGuild().getIdLong()).isEqualTo(guild.id());
    }

    @Test
    void sendAndEdit_areRecordedAndEchoedBackAsTheBotsOwnMessage() throws InterruptedException {
        Message sent = jda.getTextChannelById(general).sendMessage("first draft").complete();
        Message edited = sent.editMessage("final text").complete();

        assertThat(server.sentMessages())
                .extracting(SentMessage::kind, SentMessage::content)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SentMessage.Kind.CREATE, "first draft"),
                        org.assertj.core.groups.Tuple.tuple(SentMessage.Kind.EDIT, "final text"));
        assertThat(edited.getContentRaw()).isEqualTo("final text");
        assertThat(server.messageContent(sent.getIdLong())).contains("final text");
        MessageReceivedEvent echo = events.await(
                MessageReceivedEvent.class, e -> e.getMessageIdLong() == sent.getIdLong(), TIMEOUT);
        assertThat(echo.getAuthor().getIdLong()).isEqualTo(jda.getSelfUser().getIdLong());
        assertThat(server.sentMessages().getFirst().allowedMentions()).isNotNull();
    }
}
