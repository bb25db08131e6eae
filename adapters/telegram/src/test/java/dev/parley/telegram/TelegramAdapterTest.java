package dev.parley.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.conversation.Platform;
import dev.parley.core.pipeline.AcceptedQuestion;
import dev.parley.core.pipeline.AcceptedQuestions;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.InMemoryAcceptedQuestions;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.testkit.telegram.BotMessage;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.Posted;
import dev.parley.testkit.telegram.RecordedRequest;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import dev.parley.testkit.telegram.WebhookDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;

/**
 * The adapter end to end: the real TelegramBots client against {@link FakeTelegramServer}, a real
 * {@link ChatPipeline} (moderation, limits, queue, commands, memory) and a scripted model.
 */
class TelegramAdapterTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TelegramUser BOT = TelegramUser.bot(9000, "Parley", "parley_bot");
    private static final TelegramUser ALICE = TelegramUser.person(1001, "Alice", "alice");
    private static final TelegramUser BOB = TelegramUser.person(1002, "Bob", "bob");
    private static final TelegramUser OTHER_BOT = TelegramUser.bot(1003, "Echo", "echo_bot");
    private static final TelegramChat ALICE_DM = TelegramChat.privateWith(ALICE);
    private static final TelegramChat GROUP = TelegramChat.supergroup(-100500, "Parley fans");
    private static final String BLOCKED = "I can't help with that.";

    private final FakeTelegramServer server = FakeTelegramServer.start("123:secret", BOT);
    private final ScriptedChatModel model = new ScriptedChatModel();
    private final InferenceQueue queue = new InferenceQueue(1, 20);
    private final ChatWhenForgotten questions = new ChatWhenForgotten();
    private final ChatPipeline pipeline = pipeline();
    private final List<TelegramAdapter> adapters = new ArrayList<>();

    private ChatPipeline pipeline() {
        CoreParts core = new CoreParts(model, queue, List.of("bomb"), BLOCKED, "I had to stop that answer.");
        return core.pipeline(core.commands().build()).questions(questions).build();
    }

    /** The pipeline's store of accepted questions, noting what Alice's chat showed when each was forgotten. */
    private final class ChatWhenForgotten implements AcceptedQuestions {

        private final InMemoryAcceptedQuestions kept = new InMemoryAcceptedQuestions();
        final List<List<String>> shownAtForget = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void accepted(AcceptedQuestion question) {
            kept.accepted(question);
        }

        @Override
        public void finished(String id) {
            shownAtForget.add(server.botMessages(ALICE.id()).stream().map(BotMessage::text).toList());
            kept.finished(id);
        }

        @Override
        public List<AcceptedQuestion> pending(Platform platform) {
            return kept.pending(platform);
        }
    }

    private TelegramAdapter started() {
        return started(new DoublingBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)));
    }

    private TelegramAdapter started(BackOff backOff) {
        var settings = new TelegramSettings("123:secret", URI.create(server.baseUri().toString()), null,
                Duration.ofSeconds(10));
        return started(TelegramAdapter.builder().settings(settings).pipeline(pipeline).clock(InstantSource.system())
                .pollBackOff(backOff));
    }

    /** An adapter whose pacing runs on {@code pacing}: its waits are noted, not slept. */
    private TelegramAdapter started(PacingClock pacing) {
        var settings = new TelegramSettings("123:secret", URI.create(server.baseUri().toString()), null,
                Duration.ofSeconds(10));
        return started(TelegramAdapter.builder().settings(settings).pipeline(pipeline).clock(pacing)
                .outboundPause(pacing).pollBackOff(new DoublingBackOff(Duration.ofMillis(100), Duration.ofSeconds(1))));
    }

    private TelegramAdapter started(TelegramAdapterBuilder builder) {
        var adapter = builder.build();
        adapters.add(adapter);
        adapter.start();
        server.awaitPolling(WAIT);
        return adapter;
    }

    private static final String SECRET = "s3cret-token_ok";

    /** An adapter in webhook mode on {@code port}, the fake posting to it. */
    private TelegramAdapter startedWithWebhook(int port) {
        var settings = new TelegramSettings("123:secret", URI.create(server.baseUri().toString()), null,
                Duration.ofSeconds(10)).withWebhook(new WebhookSettings(
                        URI.create("http://127.0.0.1:" + port + "/telegram"), "/telegram", port, SECRET));
        var adapter = TelegramAdapter.builder().settings(settings).pipeline(pipeline).clock(InstantSource.system())
                .build();
        adapters.add(adapter);
        adapter.start();
        return adapter;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        adapters.forEach(TelegramAdapter::close);
        queue.close();
        server.close();
    }

    private BotMessage awaitReply(Posted to) {
        server.await("a reply to message " + to.messageId(), () -> !server.repliesTo(to.chatId(), to.messageId()).isEmpty(), WAIT);
        return server.repliesTo(to.chatId(), to.messageId()).getFirst();
    }

    private BotMessage awaitReply(Posted to, String text) {
        server.await("the reply \"" + text + "\" to message " + to.messageId(), () -> server
                .repliesTo(to.chatId(), to.messageId()).stream().anyMatch(m -> m.text().equals(text)), WAIT);
        return server.repliesTo(to.chatId(), to.messageId()).stream().filter(m -> m.text().equals(text)).findFirst()
                .orElseThrow();
    }

    /** Waits until every update was handed to the core (the adapter confirmed them all). */
    private void awaitAllHandedOver() {
        server.await("every update confirmed", () -> server.unconfirmedUpdates().isEmpty(), WAIT);
    }

    @Test
    void start_checksTheTokenAndSetsTheCommandMenuForEveryoneAndForAdmins() {
        var adapter = started();

        assertThat(adapter.username()).isEqualTo("parley_bot");
        assertThat(adapter.pollingUsername()).as("what the health check reads").contains("parley_bot");
        assertThat(server.requests("getMe")).isNotEmpty();
        assertThat(server.commands().get("default")).contains("help", "reset", "stop").doesNotContain("moderation");
        assertThat(server.commands().get("all_chat_administrators")).contains("help", "moderation", "ratelimit");
    }

    @Test
    void privateMessage_isAnsweredInPlainTextAsAReplyToIt() {
        started();
        model.replies("Hello", " Alice,", " see https://example.org *now*.");

        Posted hi = server.userSends(ALICE_DM, ALICE, "hi there");

        BotMessage reply = awaitReply(hi, "Hello Alice, see https://example.org *now*.");
        assertThat(reply.chatId()).isEqualTo(ALICE.id());
        assertThat(model.requests().getFirst().turns()).endsWith(ChatTurn.user("hi there"));
        List<RecordedRequest> sends = server.requests("sendMessage");
        assertThat(sends).allSatisfy(send -> {
            assertThat(send.params()).doesNotContainKey("parse_mode");
            assertThat(send.params().get("link_preview_options")).isEqualTo(java.util.Map.of("is_disabled", true));
        });
    }

    @Test
    void groupMention_isAnsweredWhileUnaddressedMessagesAreLeftAlone() {
        started();
        model.replies("It is noon.");

        Posted chatter = server.userSends(GROUP, BOB, "just chatting about lunch");
        Posted mention = server.userSends(GROUP, ALICE, "@parley_bot what time is it?");

        awaitReply(mention, "It is noon.");
        assertThat(server.repliesTo(GROUP.id(), chatter.messageId())).isEmpty();
        assertThat(model.requests()).singleElement()
                .satisfies(request -> assertThat(request.turns()).endsWith(ChatTurn.user("what time is it?")));
    }

    @Test
    void replyToTheBotInAGroup_isAnsweredWithoutAMention() {
        started();
        model.replies("Hi.").replies("Yes, still here.");
        Posted mention = server.userSends(GROUP, ALICE, "hello @parley_bot");
        BotMessage first = awaitReply(mention, "Hi.");

        Posted followUp = server.userReplies(GROUP, ALICE, first.messageId(), "are you still there?");

        awaitReply(followUp, "Yes, still here.");
    }

    @Test
    void twoPeopleInAGroup_holdSeparateConversationsAlongTheirReplyChains() {
        started();
        model.replies("Paris.").replies("Blue.").replies("About two million.");
        Posted alice = server.userSends(GROUP, ALICE, "@parley_bot what is the capital of France?");
        BotMessage toAlice = awaitReply(alice, "Paris.");
        Posted bob = server.userSends(GROUP, BOB, "@parley_bot what colour is the sky?");
        awaitReply(bob, "Blue.");

        Posted aliceAgain = server.userReplies(GROUP, ALICE, toAlice.messageId(), "and how many people live there?");

        awaitReply(aliceAgain, "About two million.");
        List<ChatTurn> turns = model.requests().get(2).turns();
        assertThat(turns).contains(ChatTurn.user("what is the capital of France?"), ChatTurn.assistant("Paris."))
                .endsWith(ChatTurn.user("and how many people live there?"));
        assertThat(turns).noneMatch(turn -> turn.text().contains("sky") || turn.text().contains("Blue"));
        assertThat(model.requests().get(1).turns()).noneMatch(turn -> turn.text().contains("France"));
    }

    @Test
    void streamedReply_growsByEditsAtMostOncePerSecondInTheChat() {
        PacingClock pacing = new PacingClock();
        started(pacing);
        ScriptedChatModel.LiveReply live = model.live();
        Posted question = server.userSends(ALICE_DM, ALICE, "count for me");
        server.awaitRequest(r -> r.is("sendChatAction") && "typing".equals(r.string("action")), WAIT);

        // moderation releases a word once the next one has begun: "One" shows when " two" arrives
        live.push("One").push(" two");
        awaitReply(question, "One");
        live.push(" three");
        server.await("an edit to \"One two\"", () -> server.botMessages(ALICE.id()).stream()
                .anyMatch(m -> m.text().equals("One two")), WAIT);
        live.push(" four.").end();
        BotMessage reply = awaitReply(question, "One two three four.");

        assertThat(reply.edits()).isBetween(2, 3);
        List<RecordedRequest> calls = server.requests().stream()
                .filter(r -> r.is("sendMessage") || r.is("editMessageText")).toList();
        assertThat(calls).hasSize(1 + reply.edits()).allMatch(RecordedRequest::ok);
        // the scheduler's 1 per second per chat: each edit waited one whole second after the send before it
        assertThat(pacing.waits()).hasSize(reply.edits()).containsOnly(Duration.ofSeconds(1));
    }

    @Test
    void replyBlockedMidStream_isReplacedByTheNotice() {
        started();
        ScriptedChatModel.LiveReply live = model.live();
        Posted question = server.userSends(ALICE_DM, ALICE, "tell me a story");
        live.push("Once upon").push(" a time");
        awaitReply(question); // "Once" or "Once upon a", depending on how fast the pieces came

        live.push(" someone built a bomb").push(" and more").end();

        BotMessage withdrawn = awaitReply(question, "I had to stop that answer.");
        assertThat(server.botMessages(ALICE.id())).extracting(BotMessage::text).noneMatch(t -> t.contains("bomb"));
        assertThat(withdrawn.edits()).isPositive();
    }

    @Test
    void blockedPrompt_getsTheNoticeAndNeverReachesTheModel() {
        started();

        Posted question = server.userSends(ALICE_DM, ALICE, "how do I build a bomb");

        awaitReply(question, BLOCKED);
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void moderationChange_isRefusedToAMemberAndAcceptedFromAnAdmin() {
        started();
        server.setMemberStatus(GROUP.id(), ALICE.id(), "administrator");

        Posted byMember = server.userSends(GROUP, BOB, "/moderation category harassment flag");
        awaitReply(byMember, "Only admins of this chat can change moderation.");
        Posted byAdmin = server.userSends(GROUP, ALICE, "/moderation@parley_bot category harassment flag");
        BotMessage accepted = awaitReply(byAdmin);

        assertThat(accepted.text()).startsWith("harassment: flag at");
        assertThat(server.requests("getChatMember")).extracting(r -> r.number("user_id"))
                .containsExactly(BOB.id(), ALICE.id());
    }

    @Test
    void groupAdmin_managesTheGroupFromTheirPrivateChat_untilManageOff() {
        started();
        TelegramChat fans = GROUP.withUsername("parley_fans");
        server.botIsIn(fans);
        server.setMemberStatus(GROUP.id(), ALICE.id(), "creator");
        model.replies("Pineapple is a fruit.");

        Posted manage = server.userSends(ALICE_DM, ALICE, "/manage @parley_fans");
        assertThat(awaitReply(manage).text()).contains("now apply to Parley fans");
        Posted add = server.userSends(ALICE_DM, ALICE, "/moderation terms add block pineapple");
        awaitReply(add);

        Posted inGroup = server.userSends(fans, BOB, "@parley_bot do you like pineapple?");
        awaitReply(inGroup, BLOCKED);
        Posted inPrivate = server.userSends(ALICE_DM, ALICE, "what is a pineapple?");
        awaitReply(inPrivate, "Pineapple is a fruit."); // the private chat's own moderation did not change
        Posted off = server.userSends(ALICE_DM, ALICE, "/manage off");
        assertThat(awaitReply(off).text()).contains("this private chat again");
        // back in the private chat, which Alice does not administer (in the group the list would show)
        Posted list = server.userSends(ALICE_DM, ALICE, "/moderation terms list");
        assertThat(awaitReply(list).text()).isEqualTo("Only admins of this chat can change moderation.");
        assertThat(server.requests("getChatMember")).extracting(r -> r.number("chat_id")).contains(GROUP.id());
    }

    @Test
    void manage_isRefusedToANonAdmin_andTheirAdminCommandsStayInTheirPrivateChat() {
        started();
        server.botIsIn(GROUP);
        TelegramChat bobDm = TelegramChat.privateWith(BOB);

        Posted manage = server.userSends(bobDm, BOB, "/manage " + GROUP.id());
        assertThat(awaitReply(manage).text()).isEqualTo(
                "Only admins of Parley fans can manage it, and Telegram says you are not one.");
        Posted add = server.userSends(bobDm, BOB, "/moderation terms add allow bomb");
        awaitReply(add);
        Posted unknown = server.userSends(bobDm, BOB, "/manage @nowhere_group");
        assertThat(awaitReply(unknown).text()).startsWith("I cannot find the group @nowhere_group.");

        Posted inGroup = server.userSends(GROUP, ALICE, "@parley_bot how do I build a bomb");
        awaitReply(inGroup, BLOCKED);
    }

    @Test
    void commandForAnotherBot_isLeftAlone() {
        started();

        Posted other = server.userSends(GROUP, BOB, "/help@echo_bot");
        Posted ours = server.userSends(GROUP, BOB, "/help");

        assertThat(awaitReply(ours).text()).startsWith("Commands:");
        assertThat(server.repliesTo(GROUP.id(), other.messageId())).isEmpty();
    }

    @Test
    void tooManyRequests_isHonouredAndTheReplyStillArrivesOnce() {
        PacingClock pacing = new PacingClock();
        started(pacing);
        model.replies("Worth the wait.");
        server.failNext("sendMessage", 1, 1);

        Posted question = server.userSends(ALICE_DM, ALICE, "hello?");

        awaitReply(question, "Worth the wait.");
        List<RecordedRequest> sends = server.requests("sendMessage");
        assertThat(sends).extracting(RecordedRequest::status).containsExactly(429, 200);
        assertThat(pacing.waits()).as("the retry_after of 1 s the 429 asked for").containsExactly(Duration.ofSeconds(1));
        assertThat(server.botMessages(ALICE.id())).hasSize(1);
    }

    @Test
    void heldBackReply_keepsTheQuestionUntilTheReplyIsInTheChat() {
        started();
        model.replies("Worth the wait.");
        server.failNext("sendMessage", 1, 2);

        Posted question = server.userSends(ALICE_DM, ALICE, "hello?");

        server.awaitRequest(request -> request.status() == 429, WAIT);
        assertThat(questions.pending(Platform.TELEGRAM)).extracting(q -> q.message().messageId())
                .containsExactly(question.chatId() + ":" + question.messageId());
        awaitReply(question, "Worth the wait.");
        server.await("the question forgotten", () -> questions.pending(Platform.TELEGRAM).isEmpty(), WAIT);
        assertThat(questions.shownAtForget).containsExactly(List.of("Worth the wait."));
    }

    @Test
    void longReply_isSplitIntoMessagesOfAtMost4096Characters() {
        started();
        String word = "parley ";
        String longText = IntStream.range(0, 1000).mapToObj(i -> word + i).collect(Collectors.joining(" ")) + ".";
        assertThat(longText.length()).isGreaterThan(8192);
        model.replies(longText);

        Posted question = server.userSends(ALICE_DM, ALICE, "tell me everything");

        server.await("the whole reply", () -> String.join(" ", server.botMessages(ALICE.id()).stream()
                .filter(m -> !m.deleted()).map(BotMessage::text).toList()).equals(longText), Duration.ofSeconds(20));
        List<BotMessage> messages = server.botMessages(ALICE.id());
        assertThat(messages).hasSize(3).allSatisfy(m -> assertThat(m.text().length()).isLessThanOrEqualTo(4096));
        assertThat(messages.getFirst().replyTo()).isEqualTo(question.messageId());
    }

    @Test
    void stickersPhotosOtherBotsAndChannelPosts_getNoModelAnswer_andPrivateNonTextGetsAHint() {
        started();
        TelegramChat news = TelegramChat.channel(-100777, "News");

        server.userSendsSticker(GROUP, BOB);
        server.userSends(GROUP, OTHER_BOT, "@parley_bot hello from a bot");
        server.channelPosts(news, "@parley_bot news");
        server.userForwards(GROUP, BOB, ALICE, "forwarded, not for the bot");
        Posted photo = server.userSendsPhoto(ALICE_DM, ALICE, "what is this?");

        awaitReply(photo, TelegramAdapter.TEXT_ONLY);
        awaitAllHandedOver();
        assertThat(server.botMessages(GROUP.id())).isEmpty();
        assertThat(server.botMessages(news.id())).isEmpty();
        assertThat(model.requests()).isEmpty();
    }

    @Test
    void editedMessage_isNotAnsweredAgain() {
        started();
        model.replies("Answered once.");
        Posted question = server.userSends(ALICE_DM, ALICE, "first version");
        awaitReply(question, "Answered once.");

        server.userEdits(question, "second version");

        awaitAllHandedOver();
        assertThat(server.botMessages(ALICE.id())).hasSize(1);
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void messageEditedWhileItsAnswerWaits_isAnsweredOnceAsEdited() {
        started();
        ScriptedChatModel.LiveReply bobsAnswer = model.live(); // holds the only model slot
        model.replies("Answer to the edit.");
        Posted bob = server.userSends(GROUP, BOB, "@parley_bot a long question");
        server.await("Bob's question at the model", () -> model.requests().size() == 1, WAIT);
        Posted question = server.userSends(ALICE_DM, ALICE, "first version");
        awaitAllHandedOver();

        server.userEdits(question, "second version");
        awaitAllHandedOver();
        bobsAnswer.push("Done").push(" now.").end();

        awaitReply(question, "Answer to the edit.");
        awaitReply(bob, "Done now.");
        assertThat(model.requests()).hasSize(2);
        assertThat(model.requests().get(1).turns()).endsWith(ChatTurn.user("second version"))
                .noneMatch(turn -> turn.text().contains("first version"));
        assertThat(server.botMessages(ALICE.id())).singleElement()
                .satisfies(reply -> assertThat(reply.text()).isEqualTo("Answer to the edit."));
    }

    @Test
    void messageEditedWhileItsAnswerStreams_isReansweredInTheSameReply() {
        started();
        ScriptedChatModel.LiveReply firstAnswer = model.live();
        model.replies("About the second version.");
        Posted question = server.userSends(ALICE_DM, ALICE, "first version");
        firstAnswer.push("Thinking").push(" about");
        BotMessage reply = awaitReply(question);

        server.userEdits(question, "second version");
        awaitAllHandedOver();
        firstAnswer.push(" it.").end(); // the scripted stream notices the stop at its next piece

        awaitReply(question, "About the second version.");
        assertThat(server.botMessages(ALICE.id())).singleElement()
                .satisfies(m -> assertThat(m.messageId()).isEqualTo(reply.messageId()));
        assertThat(model.requests().get(1).turns()).endsWith(ChatTurn.user("second version"));
    }

    @Test
    void webhookMode_updatesArePostedToTheBotAndAnswered_withoutPolling() {
        int port = freePort();
        startedWithWebhook(port);
        model.replies("Hello from the hook.");

        Posted hi = server.userSends(ALICE_DM, ALICE, "hi over the webhook");

        awaitReply(hi, "Hello from the hook.");
        awaitAllHandedOver(); // the webhook's 200 reaches the server after the reply may have
        assertThat(server.webhookUrl()).hasToString("http://127.0.0.1:" + port + "/telegram");
        assertThat(server.requests("setWebhook")).singleElement()
                .satisfies(set -> assertThat(set.string("secret_token")).isEqualTo(SECRET));
        assertThat(server.webhookDeliveries()).extracting(WebhookDelivery::status).containsExactly(200);
        assertThat(server.requests("getUpdates")).isEmpty();
    }

    @Test
    void webhookMode_refusesRequestsWithoutTheSecretToken() throws Exception {
        int port = freePort();
        startedWithWebhook(port);
        String update = """
                {"update_id": 7, "message": {"message_id": 1, "date": 1700000000,
                 "chat": {"id": 1001, "type": "private"},
                 "from": {"id": 1001, "is_bot": false, "first_name": "Mallory"}, "text": "hi"}}""";

        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/telegram"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(update));
            int withoutToken = http.send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            int wrongToken = http.send(post.header(WebhookReceiver.SECRET_HEADER, "guess").build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();

            assertThat(withoutToken).isEqualTo(401);
            assertThat(wrongToken).isEqualTo(401);
        }
        assertThat(model.requests()).isEmpty();
        assertThat(server.botMessages(1001)).isEmpty();
    }

    @Test
    void webhookMode_anUpdatePostedWhileTheBotIsDownIsAnsweredOnceAfterTheRestart() {
        int port = freePort();
        TelegramAdapter first = startedWithWebhook(port);
        model.replies("First answer.").replies("Second answer.");
        Posted before = server.userSends(ALICE_DM, ALICE, "before the restart");
        awaitReply(before, "First answer.");

        first.close();
        Posted during = server.userSends(ALICE_DM, ALICE, "while the bot restarts");
        server.await("a failed delivery", () -> server.webhookDeliveries().stream()
                .anyMatch(d -> d.updateId() == during.updateId() && d.status() != 200), WAIT);
        startedWithWebhook(port);

        awaitReply(during, "Second answer.");
        awaitAllHandedOver();
        assertThat(server.repliesTo(ALICE.id(), before.messageId())).hasSize(1);
        assertThat(server.repliesTo(ALICE.id(), during.messageId())).hasSize(1);
        assertThat(model.requests()).hasSize(2);
    }

    @Test
    void messageEditedIntoABlockedOne_replacesTheAnswerShownWithTheNotice() {
        started();
        ScriptedChatModel.LiveReply firstAnswer = model.live();
        Posted question = server.userSends(ALICE_DM, ALICE, "tell me about chemistry");
        firstAnswer.push("Chemistry").push(" is");
        BotMessage reply = awaitReply(question);

        server.userEdits(question, "how do I build a bomb");
        awaitAllHandedOver();
        firstAnswer.push(" fun.").end();

        awaitReply(question, BLOCKED);
        assertThat(server.botMessages(ALICE.id())).singleElement()
                .satisfies(m -> assertThat(m.messageId()).isEqualTo(reply.messageId()));
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void restart_neitherLosesNorAnswersTwiceAnUpdateTheServerStillHolds() {
        // a failed poll leaves the first adapter waiting a minute before it would confirm anything
        TelegramAdapter first = started(new DoublingBackOff(Duration.ofMinutes(1), Duration.ofMinutes(1)));
        server.failNext("getUpdates", 1, 1);
        model.replies("First answer.").replies("Second answer.");
        Posted before = server.userSends(ALICE_DM, ALICE, "before the restart");
        awaitReply(before, "First answer.");
        server.awaitRequest(r -> r.is("getUpdates") && r.status() == 429, WAIT);
        assertThat(server.unconfirmedUpdates()).containsExactly(before.updateId());

        first.close();
        Posted during = server.userSends(ALICE_DM, ALICE, "while the bot restarts");
        started();

        awaitReply(during, "Second answer.");
        awaitAllHandedOver();
        assertThat(server.repliesTo(ALICE.id(), before.messageId())).hasSize(1);
        assertThat(server.repliesTo(ALICE.id(), during.messageId())).hasSize(1);
        assertThat(model.requests()).hasSize(2);
    }

    @Test
    void killBeforeConfirming_restartPollsFromTheKeptOffset_soAnAnsweredUpdateIsNotAnsweredAgain() {
        var kept = new KeptOffsets();
        var settings = new TelegramSettings("123:secret", URI.create(server.baseUri().toString()), null,
                Duration.ofSeconds(10));
        // a failed poll leaves the first adapter waiting a minute: it never confirms to the server
        var first = TelegramAdapter.builder().settings(settings).pipeline(pipeline).clock(InstantSource.system())
                .pollBackOff(new DoublingBackOff(Duration.ofMinutes(1), Duration.ofMinutes(1))).offsets(kept).build();
        adapters.add(first);
        first.start();
        server.awaitPolling(WAIT);
        server.failNext("getUpdates", 1, 1);
        model.replies("First answer.").replies("Second answer.");
        Posted before = server.userSends(ALICE_DM, ALICE, "before the kill");
        awaitReply(before, "First answer.");
        server.awaitRequest(r -> r.is("getUpdates") && r.status() == 429, WAIT);
        assertThat(server.unconfirmedUpdates()).containsExactly(before.updateId());
        assertThat(kept.next(BOT.id())).hasValue((int) before.updateId() + 1);

        // the first process is "killed": it never polls or confirms again; a new one starts with its own pipeline
        var second = TelegramAdapter.builder().settings(settings).pipeline(pipeline()).clock(InstantSource.system())
                .offsets(kept).build();
        adapters.add(second);
        second.start();
        Posted after = server.userSends(ALICE_DM, ALICE, "after the restart");

        awaitReply(after, "Second answer.");
        assertThat(server.repliesTo(ALICE.id(), before.messageId())).hasSize(1);
        assertThat(model.requests()).hasSize(2);
        assertThat(server.requests("getUpdates")).anySatisfy(r -> assertThat(String.valueOf(r.params().get("offset")))
                .isEqualTo(String.valueOf(before.updateId() + 1)));
    }

    /** Offsets kept in memory, standing for the database a restarted process reads. */
    private static final class KeptOffsets implements UpdateOffsets {

        private final Map<Long, Integer> offsets = new ConcurrentHashMap<>();

        @Override
        public OptionalInt next(long botId) {
            Integer next = offsets.get(botId);
            return next == null ? OptionalInt.empty() : OptionalInt.of(next);
        }

        @Override
        public void handedOver(long botId, int nextUpdateId) {
            offsets.put(botId, nextUpdateId);
        }
    }
}
