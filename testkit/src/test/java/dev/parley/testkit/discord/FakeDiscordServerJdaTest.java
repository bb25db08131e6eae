package dev.parley.testkit.discord;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real JDA 6 client against the fake server: connecting, receiving and sending messages. */
class FakeDiscordServerJdaTest {

    // generous: CI machines are loaded, and only a failing wait takes this long
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private FakeDiscordServer server;
    private FakeGuild guild;
    private long general;
    private long thread;
    private FakeUser alice;
    private FakeUser carol;
    private RecordingListener events;
    private JDA jda;

    @BeforeEach
    void connect() throws InterruptedException {
        server = FakeDiscordServer.start();
        guild = server.createGuild("Parley Test");
        general = guild.addTextChannel("general");
        alice = server.createUser("alice");
        guild.addMember(alice);
        carol = server.createUser("carol");
        guild.addMember(carol, guild.adminRoleId());
        thread = guild.addThread(general, "questions");
        events = new RecordingListener();
        jda = JdaTestSetup.connect(server, events, new AskCommand());
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
                        tuple(SentMessage.Kind.CREATE, "first draft"),
                        tuple(SentMessage.Kind.EDIT, "final text"));
        assertThat(edited.getContentRaw()).isEqualTo("final text");
        assertThat(server.messageContent(sent.getIdLong())).contains("final text");
        MessageReceivedEvent echo = events.await(
                MessageReceivedEvent.class, e -> e.getMessageIdLong() == sent.getIdLong(), TIMEOUT);
        assertThat(echo.getAuthor().getIdLong()).isEqualTo(jda.getSelfUser().getIdLong());
        assertThat(server.sentMessages().getFirst().allowedMentions()).isNotNull();
    }

    @Test
    void postMessage_inAThreadAndADm_arriveWithTheirChannelTypes() throws InterruptedException {
        long inThread = server.postMessage(thread, alice, "thread question");
        long dm = server.openDm(alice);
        long inDm = server.postMessage(dm, alice, "private question");

        Message threadMessage = events.await(
                MessageReceivedEvent.class, e -> e.getMessageIdLong() == inThread, TIMEOUT).getMessage();
        Message dmMessage = events.await(
                MessageReceivedEvent.class, e -> e.getMessageIdLong() == inDm, TIMEOUT).getMessage();

        assertThat(threadMessage.getChannelType()).isEqualTo(ChannelType.GUILD_PUBLIC_THREAD);
        assertThat(threadMessage.getChannel().asThreadChannel().getParentChannel().getIdLong()).isEqualTo(general);
        assertThat(dmMessage.isFromGuild()).isFalse();
        assertThat(dmMessage.getChannelType()).isEqualTo(ChannelType.PRIVATE);
        assertThat(dmMessage.getContentRaw()).isEqualTo("private question");
    }

    @Test
    void botAnswersInAThreadAndADm() {
        jda.getThreadChannelById(thread).sendMessage("in the thread").complete();
        jda.openPrivateChannelById(alice.id()).flatMap(dm -> dm.sendMessage("in private")).complete();

        assertThat(server.sentMessages()).extracting(SentMessage::content).containsExactly("in the thread", "in private");
        assertThat(server.sentMessages().get(1).channelId()).isEqualTo(server.openDm(alice));
    }

    @Test
    void postMessage_fromAnotherBotAWebhookWithAReplyAndAnAttachment() throws InterruptedException {
        FakeUser otherBot = server.createBotUser("otherbot");
        guild.addMember(otherBot);
        long first = server.postMessage(general, otherBot, "beep");
        long reply = server.message(general, alice, "answer to the bot")
                .replyingTo(first)
                .attachment("cat.png", 2048, "image/png")
                .post();
        long hooked = server.message(general, alice, "from a hook").asWebhook("Deploys").post();

        Message fromBot = events.await(MessageReceivedEvent.class, e -> e.getMessageIdLong() == first, TIMEOUT)
                .getMessage();
        Message replyMessage = events.await(MessageReceivedEvent.class, e -> e.getMessageIdLong() == reply, TIMEOUT)
                .getMessage();
        Message fromHook = events.await(MessageReceivedEvent.class, e -> e.getMessageIdLong() == hooked, TIMEOUT)
                .getMessage();

        assertThat(fromBot.getAuthor().isBot()).isTrue();
        assertThat(replyMessage.getMessageReference().getMessageIdLong()).isEqualTo(first);
        assertThat(replyMessage.getReferencedMessage().getContentRaw()).isEqualTo("beep");
        assertThat(replyMessage.getAttachments()).singleElement().satisfies(a -> {
            assertThat(a.getFileName()).isEqualTo("cat.png");
            assertThat(a.getSize()).isEqualTo(2048);
        });
        assertThat(fromHook.isWebhookMessage()).isTrue();
        assertThat(fromHook.getAuthor().getName()).isEqualTo("Deploys");
    }

    @Test
    void botReplies_andRetrievesTheMessageItRepliesTo() throws InterruptedException {
        long question = server.postMessage(general, alice, "what is 2+2?");
        Message received = events.await(
                MessageReceivedEvent.class, e -> e.getMessageIdLong() == question, TIMEOUT).getMessage();

        received.reply("4").complete();
        Message fetched = jda.getTextChannelById(general).retrieveMessageById(question).complete();

        assertThat(server.sentMessages()).singleElement().satisfies(m -> {
            assertThat(m.replyTo()).isEqualTo(question);
            assertThat(m.content()).isEqualTo("4");
        });
        assertThat(fetched.getContentRaw()).isEqualTo("what is 2+2?");
        assertThat(fetched.getAuthor().getIdLong()).isEqualTo(alice.id());
    }

    @Test
    void history_listsTheChannelsMessagesNewestFirst() {
        long first = server.postMessage(general, alice, "one");
        long second = server.postMessage(general, carol, "two");
        server.postMessage(thread, alice, "elsewhere");
        long third = server.postMessage(general, alice, "three");

        List<Message> latest = jda.getTextChannelById(general).getHistory().retrievePast(2).complete();
        List<Message> older = jda.getTextChannelById(general).getHistoryBefore(second, 10).complete().getRetrievedHistory();

        assertThat(latest).extracting(Message::getIdLong).containsExactly(third, second);
        assertThat(older).extracting(Message::getIdLong).containsExactly(first);
    }

    @Test
    void editAndDelete_areDispatchedAsUpdateAndDelete() throws InterruptedException {
        long id = server.postMessage(general, alice, "typo");
        server.editMessage(general, id, "fixed");
        server.deleteMessage(general, id);

        MessageUpdateEvent update = events.await(MessageUpdateEvent.class, e -> e.getMessageIdLong() == id, TIMEOUT);
        events.await(MessageDeleteEvent.class, e -> e.getMessageIdLong() == id, TIMEOUT);

        assertThat(update.getMessage().getContentRaw()).isEqualTo("fixed");
        assertThat(update.getMessage().isEdited()).isTrue();
        assertThat(server.messageContent(id)).isEmpty();
    }

    @Test
    void updateCommands_isRecordedWithIdsThatInteractionsThenCarry() {
        jda.updateCommands()
                .addCommands(Commands.slash("ask", "Ask the model")
                        .addSubcommands(new SubcommandData("model", "Ask").addOption(OptionType.STRING, "prompt", "p")))
                .complete();
        jda.getGuildById(guild.id()).updateCommands()
                .addCommands(Commands.slash("ratelimit", "Set limits"))
                .complete();

        assertThat(server.globalCommands()).singleElement().satisfies(c -> {
            assertThat(c.get("name")).isEqualTo("ask");
            assertThat(c.get("id")).isNotNull();
        });
        assertThat(server.guildCommands(guild.id())).extracting(c -> c.get("name")).containsExactly("ratelimit");
        assertThat(jda.retrieveCommands().complete()).extracting(c -> c.getName()).containsExactly("ask");
    }

    @Test
    void slashCommand_arrivesWithSubcommandOptionsAndPermissions_andTheReplyReachesTheServer()
            throws InterruptedException {
        FakeInteraction interaction = server.slashCommand(general, carol, "ask")
                .subcommand("model")
                .option("prompt", "why is the sky blue")
                .option("tokens", 64)
                .send();

        SlashCommandInteractionEvent event = events.await(
                SlashCommandInteractionEvent.class, e -> e.getIdLong() == interaction.id(), TIMEOUT);
        InteractionCallback deferral = server.awaitInteractionCallback(c -> c.interactionId() == interaction.id(), TIMEOUT);
        SentMessage answer = server.awaitSentMessage(m -> m.kind() == SentMessage.Kind.INTERACTION_EDIT, TIMEOUT);

        assertThat(event.getName()).isEqualTo("ask");
        assertThat(event.getSubcommandName()).isEqualTo("model");
        assertThat(event.getOption("prompt").getAsString()).isEqualTo("why is the sky blue");
        assertThat(event.getOption("tokens").getAsLong()).isEqualTo(64);
        assertThat(event.getMember().hasPermission(Permission.MANAGE_SERVER)).isTrue();
        assertThat(deferral.type()).isEqualTo(5);
        assertThat(answer.content()).isEqualTo("answer to: why is the sky blue");
        assertThat(server.unknownRequests()).isEmpty();
    }

    @Test
    void slashCommand_inASubcommandGroup_arrivesWithTheGroupAndTheSubcommandsOptions() throws InterruptedException {
        FakeInteraction interaction = server.slashCommand(general, carol, "ask")
                .group("careful")
                .subcommand("model")
                .option("prompt", "why is the sea salty")
                .send();

        SlashCommandInteractionEvent event = events.await(
                SlashCommandInteractionEvent.class, e -> e.getIdLong() == interaction.id(), TIMEOUT);

        assertThat(event.getFullCommandName()).isEqualTo("ask careful model");
        assertThat(event.getSubcommandGroup()).isEqualTo("careful");
        assertThat(event.getOption("prompt").getAsString()).isEqualTo("why is the sea salty");
    }

    @Test
    void slashCommand_fromAnOrdinaryMember_getsADirectReply() throws InterruptedException {
        FakeInteraction interaction = server.slashCommand(general, alice, "ping").send();

        SlashCommandInteractionEvent event = events.await(
                SlashCommandInteractionEvent.class, e -> e.getIdLong() == interaction.id(), TIMEOUT);
        InteractionCallback reply = server.awaitInteractionCallback(c -> c.interactionId() == interaction.id(), TIMEOUT);

        assertThat(event.getMember().hasPermission(Permission.MANAGE_SERVER)).isFalse();
        assertThat(reply.type()).isEqualTo(4);
        assertThat(reply.data().get("content")).isEqualTo("pong");
        assertThat(reply.ephemeral()).isTrue();
    }

    @Test
    void rateLimitedSend_isRetriedByJdaAndSucceeds() {
        server.failNext("POST channels/*/messages", 1, 1);

        Message sent = jda.getTextChannelById(general).sendMessage("after the limit").complete();

        assertThat(server.requests())
                .filteredOn(r -> r.matches("POST", "channels/*/messages"))
                .extracting(RecordedRequest::status)
                .containsExactly(429, 200);
        assertThat(server.messageContent(sent.getIdLong())).contains("after the limit");
    }

    @Test
    void channelMessageLimit_jdaPacesItselfByTheBucketHeaders_andEverySendArrivesInOrder() {
        server.limitChannelMessages(2, Duration.ofMillis(1500));
        // JDA learns the channel's bucket from the first answer; sends queued before that can race
        // and be refused (seen once in CI), so one send goes first, as a bot's first message does.
        jda.getTextChannelById(general).sendMessage("m0").complete();
        List<String> texts = List.of("m0", "m1", "m2", "m3", "m4", "m5");

        texts.subList(1, texts.size()).forEach(text -> jda.getTextChannelById(general).sendMessage(text).queue());
        server.await(() -> server.sentMessages().size() == texts.size(), TIMEOUT, () -> "six sends");

        assertThat(server.sentMessages()).extracting(SentMessage::content).containsExactlyElementsOf(texts);
        assertThat(server.requests()).extracting(RecordedRequest::status).doesNotContain(429);
    }

    @Test
    void errorStatus_reachesJdaAsAnErrorResponse() {
        server.failNextWithStatus("POST channels/*/messages", 1, 403, 50013, "Missing Permissions");

        assertThatThrownBy(() -> jda.getTextChannelById(general).sendMessage("nope").complete())
                .isInstanceOf(ErrorResponseException.class)
                .hasMessageContaining("50013");
    }

    @Test
    void disconnect_jdaResumesAndGetsTheMessageOfTheGapExactlyOnce() throws InterruptedException {
        server.disconnect();
        long duringGap = server.postMessage(general, alice, "sent while you were away");
        server.awaitResumes(1, TIMEOUT);
        events.await(SessionResumeEvent.class, e -> true, TIMEOUT);
        long afterwards = server.postMessage(general, alice, "after the resume");
        events.await(MessageReceivedEvent.class, e -> e.getMessageIdLong() == afterwards, TIMEOUT);

        assertThat(events.all(MessageReceivedEvent.class))
                .filteredOn(e -> e.getMessageIdLong() == duringGap)
                .hasSize(1);
        assertThat(server.identifyCount()).isEqualTo(1);
        assertThat(server.resumeCount()).isEqualTo(1);
    }

    @Test
    void invalidatedSession_jdaIdentifiesAgain() throws InterruptedException {
        server.invalidateSessions();
        server.disconnect();

        // JDA's session controller spaces identifies 5 s apart
        server.awaitIdentifies(2, Duration.ofSeconds(30));
        jda.awaitReady();
        long id = server.postMessage(general, alice, "hello again");

        events.await(MessageReceivedEvent.class, e -> e.getMessageIdLong() == id, TIMEOUT);
        assertThat(server.resumeCount()).isZero();
    }

    @Test
    void unknownRoute_answers404AndIsRecorded() {
        assertThatThrownBy(() -> jda.getGuildById(guild.id()).retrieveEmojis().complete())
                .isInstanceOf(ErrorResponseException.class);

        assertThat(server.unknownRequests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.path()).isEqualTo("guilds/" + guild.id() + "/emojis");
            assertThat(r.status()).isEqualTo(404);
        });
    }

    @Test
    void retrieveUserAndMember_answerFromTheWorld() {
        assertThat(jda.retrieveUserById(alice.id()).complete().getName()).isEqualTo("alice");
        assertThat(jda.getGuildById(guild.id()).retrieveMemberById(carol.id()).complete().getRoles())
                .extracting(r -> r.getIdLong())
                .containsExactly(guild.adminRoleId());
        assertThatThrownBy(() -> jda.retrieveUserById(42).complete())
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(10013));
        assertThat(server.unknownRequests()).isEmpty();
    }

    @Test
    void sendFiles_goesAsMultipartAndTheAttachmentIsRecorded() {
        Message sent = jda.getTextChannelById(general)
                .sendMessage("see attached")
                .addFiles(FileUpload.fromData("a,b\n1,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "table.csv"))
                .complete();

        assertThat(server.sentMessages()).singleElement().satisfies(m -> assertThat(m.content()).isEqualTo("see attached"));
        assertThat(server.requests()).filteredOn(r -> r.matches("POST", "channels/*/messages"))
                .singleElement()
                .satisfies(r -> assertThat(r.files()).containsExactly("table.csv"));
        assertThat(sent.getAttachments()).extracting(Message.Attachment::getFileName).containsExactly("table.csv");
    }

    @Test
    void slashCommand_inADm_arrivesWithoutAGuild() throws InterruptedException {
        long dm = server.openDm(alice);
        FakeInteraction interaction = server.slashCommand(dm, alice, "ping").send();

        SlashCommandInteractionEvent event = events.await(
                SlashCommandInteractionEvent.class, e -> e.getIdLong() == interaction.id(), TIMEOUT);
        server.awaitInteractionCallback(c -> c.interactionId() == interaction.id(), TIMEOUT);

        assertThat(event.isFromGuild()).isFalse();
        assertThat(event.getUser().getIdLong()).isEqualTo(alice.id());
        assertThat(event.getChannelType()).isEqualTo(ChannelType.PRIVATE);
        assertThat(interaction.guildId()).isNull();
    }

    @Test
    void rolePermissions_areEnforcedByJdaBeforeItSends() throws InterruptedException {
        JdaTestSetup.shutdown(jda);
        guild.setRolePermissions(guild.everyoneRoleId(), PermissionBits.VIEW_CHANNEL | PermissionBits.READ_MESSAGE_HISTORY);
        jda = JdaTestSetup.connect(server, events);

        assertThatThrownBy(() -> jda.getTextChannelById(general).sendMessage("not allowed").complete())
                .isInstanceOf(InsufficientPermissionException.class);
        assertThat(server.sentMessages()).isEmpty();
    }

    @Test
    void slashCommand_userChannelAndRoleOptions_resolveToJdaEntities() throws InterruptedException {
        FakeInteraction interaction = server.slashCommand(general, carol, "ratelimit")
                .option("who", alice)
                .channelOption("where", thread)
                .roleOption("role", guild.adminRoleId())
                .send();

        SlashCommandInteractionEvent event = events.await(
                SlashCommandInteractionEvent.class, e -> e.getIdLong() == interaction.id(), TIMEOUT);

        assertThat(event.getOption("who").getAsUser().getIdLong()).isEqualTo(alice.id());
        assertThat(event.getOption("who").getAsMember()).isNotNull();
        assertThat(event.getOption("where").getAsChannel().getIdLong()).isEqualTo(thread);
        assertThat(event.getOption("role").getAsRole().getIdLong()).isEqualTo(guild.adminRoleId());
    }

    @Test
    void deferredAnswer_withAFollowUp_reachesTheServerInOrder() {
        FakeInteraction interaction = server.slashCommand(general, alice, "story").send();

        SentMessage followUp = server.awaitSentMessage(m -> m.kind() == SentMessage.Kind.FOLLOW_UP, TIMEOUT);

        assertThat(server.sentMessages()).extracting(SentMessage::kind, SentMessage::content).containsExactly(
                tuple(SentMessage.Kind.INTERACTION_EDIT, "part 1"),
                tuple(SentMessage.Kind.FOLLOW_UP, "part 2"));
        assertThat(followUp.channelId()).isEqualTo(interaction.channelId());
        assertThat(server.unknownRequests()).isEmpty();
    }

    @Test
    void memberRoles_comeWithGuildMessages() throws InterruptedException {
        long id = server.postMessage(general, carol, "admin speaking");

        MessageReceivedEvent event = events.await(MessageReceivedEvent.class, e -> e.getMessageIdLong() == id, TIMEOUT);

        assertThat(event.getMember().getRoles()).extracting(r -> r.getIdLong()).containsExactly(guild.adminRoleId());
        assertThat(event.getMember().hasPermission(Permission.MANAGE_SERVER)).isTrue();
    }

    @Test
    void typingDeleteAndAllowedMentions_areRecorded() throws InterruptedException {
        jda.getTextChannelById(general).sendTyping().complete();
        Message sent = jda.getTextChannelById(general)
                .sendMessage("hi " + alice.mention() + " @everyone")
                .setAllowedMentions(EnumSet.of(Message.MentionType.USER))
                .complete();
        sent.delete().complete();

        events.await(MessageDeleteEvent.class, e -> e.getMessageIdLong() == sent.getIdLong(), TIMEOUT);
        assertThat(server.requests()).extracting(RecordedRequest::method, r -> r.path().replaceAll("\\d+", "N"))
                .containsSubsequence(
                        tuple("POST", "channels/N/typing"),
                        tuple("POST", "channels/N/messages"),
                        tuple("DELETE", "channels/N/messages/N"));
        assertThat(server.sentMessages().getFirst().allowedMentions().get("parse")).isEqualTo(List.of("users"));
        assertThat(server.messageContent(sent.getIdLong())).isEmpty();
    }

    /** Defers /ask and answers through the hook; replies to anything else at once, ephemerally. */
    private static final class AskCommand extends ListenerAdapter {
        @Override
        public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
            if (event.getName().equals("ask")) {
                String prompt = event.getOption("prompt").getAsString();
                event.deferReply().queue(hook -> hook.editOriginal("answer to: " + prompt).queue());
            } else if (event.getName().equals("story")) {
                event.deferReply().queue(hook -> hook.editOriginal("part 1")
                        .queue(first -> hook.sendMessage("part 2").queue()));
            } else {
                event.reply("pong").setEphemeral(true).queue();
            }
        }
    }
}
