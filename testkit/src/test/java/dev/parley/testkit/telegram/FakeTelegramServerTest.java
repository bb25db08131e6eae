package dev.parley.testkit.telegram;

import dev.parley.testkit.json.Json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake Bot API server as any HTTP client sees it, JSON and form bodies alike. */
class FakeTelegramServerTest {

    private static final TelegramUser BOT = TelegramUser.bot(9, "Parley", "parley_bot");
    private static final TelegramUser ALICE = TelegramUser.person(1, "Alice", "alice");
    private static final TelegramChat DM = TelegramChat.privateWith(ALICE);
    private static final TelegramChat GROUP = TelegramChat.group(-5, "Friends");

    private final FakeTelegramServer server = FakeTelegramServer.start("1:token", BOT);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    private record Answer(int status, Map<String, @Nullable Object> body) {}

    private Answer json(String method, String body) {
        return call(method, "application/json", body);
    }

    private Answer call(String method, String contentType, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(server.baseUri() + "/bot1:token/" + method))
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            @SuppressWarnings("unchecked")
            Map<String, @Nullable Object> parsed = (Map<String, @Nullable Object>) Json.parse(response.body());
            return new Answer(response.statusCode(), parsed);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> updates(Answer answer) {
        assertThat(answer.body()).containsEntry("ok", true);
        return (List<Map<String, Object>>) answer.body().get("result");
    }

    @Test
    void methodNames_matchInAnyCase_andEveryAnswerCarriesOk() {
        assertThat(json("getme", "{}").body()).containsEntry("ok", true);
        assertThat(json("GETME", "{}").body()).containsEntry("ok", true);
        Answer unknown = json("fly", "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).containsEntry("ok", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void getChat_findsChatsTheBotIsInByIdOrUsername_andNoOthers() {
        server.botIsIn(GROUP.withUsername("friends_chat"));

        Map<String, Object> byName = (Map<String, Object>) json("getChat", "{\"chat_id\":\"@Friends_Chat\"}")
                .body().get("result");
        Map<String, Object> byId = (Map<String, Object>) json("getChat", "{\"chat_id\":-5}").body().get("result");
        Answer unknown = json("getChat", "{\"chat_id\":\"@elsewhere\"}");

        assertThat(byName).containsEntry("id", -5L).containsEntry("title", "Friends").containsEntry("type", "group");
        assertThat(byId).containsEntry("username", "friends_chat");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).containsEntry("description", "Bad Request: chat not found");
    }

    @Test
    void aWrongToken_isUnauthorized() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/bot2:other/getMe"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"ok\":false");
    }

    @Test
    void longPoll_answersAsSoonAsAnUpdateIsQueued() {
        CompletableFuture<Answer> poll = CompletableFuture.supplyAsync(() -> json("getUpdates", "{\"timeout\":30}"));
        server.awaitPolling(Duration.ofSeconds(5));

        Posted posted = server.userSends(DM, ALICE, "hello");

        List<Map<String, Object>> updates = updates(poll.join());
        assertThat(updates).singleElement().satisfies(update -> assertThat(update)
                .containsEntry("update_id", posted.updateId()).containsKey("message"));
    }

    @Test
    void longPoll_answersEmptyAfterItsTimeout() {
        assertThat(updates(json("getUpdates", "{\"timeout\":1}"))).isEmpty();
    }

    @Test
    void offset_confirmsTheUpdatesBelowIt_andTheOthersAreSentAgain() {
        Posted first = server.userSends(DM, ALICE, "one");
        Posted second = server.userSends(DM, ALICE, "two");

        assertThat(updates(json("getUpdates", "{\"offset\":0}"))).hasSize(2);
        assertThat(updates(json("getUpdates", "{\"offset\":0}"))).hasSize(2);
        assertThat(updates(json("getUpdates", "{\"offset\":" + second.updateId() + "}")))
                .extracting(u -> u.get("update_id")).containsExactly(second.updateId());
        assertThat(server.unconfirmedUpdates()).containsExactly(second.updateId()).doesNotContain(first.updateId());
    }

    @Test
    void aSecondPoll_endsTheWaitingOneWithConflict() {
        CompletableFuture<Answer> older = CompletableFuture.supplyAsync(() -> json("getUpdates", "{\"timeout\":30}"));
        server.awaitPolling(Duration.ofSeconds(5));

        Answer newer = json("getUpdates", "{\"timeout\":0}");

        assertThat(newer.status()).isEqualTo(200);
        assertThat(older.join().status()).isEqualTo(409);
    }

    @Test
    void failNext_answers429WithRetryAfter_thenServesAgain() {
        server.failNext("sendMessage", 1, 3);

        Answer refused = json("sendMessage", "{\"chat_id\":1,\"text\":\"hi\"}");
        Answer sent = json("sendMessage", "{\"chat_id\":1,\"text\":\"hi\"}");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).containsEntry("ok", false).containsEntry("error_code", 429L)
                .containsEntry("description", "Too Many Requests: retry after 3")
                .containsEntry("parameters", Map.of("retry_after", 3L));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(server.botMessages(1)).hasSize(1);
        assertThat(server.requests("sendMessage")).extracting(RecordedRequest::status).containsExactly(429, 200);
    }

    @Test
    void formBodies_sendEditAndDelete_likeJsonOnes() {
        Posted question = server.userSends(GROUP, ALICE, "question");
        String reply = "{\"message_id\":" + question.messageId() + "}";
        Answer sent = call("sendMessage", "application/x-www-form-urlencoded",
                "chat_id=-5&text=first+draft&reply_parameters=" + java.net.URLEncoder.encode(reply, java.nio.charset.StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        long id = (Long) ((Map<String, Object>) sent.body().get("result")).get("message_id");

        assertThat(json("editMessageText", "{\"chat_id\":-5,\"message_id\":" + id + ",\"text\":\"final\"}").status())
                .isEqualTo(200);
        assertThat(json("editMessageText", "{\"chat_id\":-5,\"message_id\":" + id + ",\"text\":\"final\"}").body())
                .containsEntry("ok", false);
        assertThat(server.repliesTo(GROUP.id(), question.messageId())).singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("final"));

        assertThat(json("deleteMessage", "{\"chat_id\":-5,\"message_id\":" + id + "}").status()).isEqualTo(200);
        assertThat(server.repliesTo(GROUP.id(), question.messageId())).isEmpty();
    }

    @Test
    void aDeletedOrUnknownMessage_cannotBeEditedNorDeleted() {
        server.userSends(GROUP, ALICE, "question");
        Answer sent = json("sendMessage", "{\"chat_id\":-5,\"text\":\"draft\"}");
        @SuppressWarnings("unchecked")
        long id = (Long) ((Map<String, Object>) sent.body().get("result")).get("message_id");
        assertThat(json("deleteMessage", "{\"chat_id\":-5,\"message_id\":" + id + "}").status()).isEqualTo(200);

        Answer edit = json("editMessageText", "{\"chat_id\":-5,\"message_id\":" + id + ",\"text\":\"final\"}");
        Answer delete = json("deleteMessage", "{\"chat_id\":-5,\"message_id\":" + id + "}");
        Answer unknown = json("deleteMessage", "{\"chat_id\":-5,\"message_id\":999999}");

        assertThat(edit.status()).isEqualTo(400);
        assertThat(edit.body()).containsEntry("description", "Bad Request: message to edit not found");
        assertThat(delete.body()).containsEntry("description", "Bad Request: message to delete not found");
        assertThat(unknown.body()).containsEntry("description", "Bad Request: message to delete not found");
    }

    @Test
    void tooLongText_isRefusedAsTelegramDoes() {
        Answer answer = json("sendMessage", "{\"chat_id\":1,\"text\":\"" + "a".repeat(4097) + "\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).containsEntry("description", "Bad Request: message is too long");
    }

    @Test
    @SuppressWarnings("unchecked")
    void mentionsAndCommands_becomeEntities_andRepliesCarryTheOriginal() {
        Posted mention = server.userSends(GROUP, ALICE, "/ask@parley_bot hi @parley_bot");
        server.userReplies(GROUP, ALICE, mention.messageId(), "again");

        List<Map<String, Object>> updates = updates(json("getUpdates", "{}"));
        Map<String, Object> first = (Map<String, Object>) updates.get(0).get("message");
        assertThat((List<Map<String, Object>>) first.get("entities")).containsExactly(
                Map.of("type", "bot_command", "offset", 0L, "length", 15L),
                Map.of("type", "mention", "offset", 19L, "length", 11L));
        Map<String, Object> second = (Map<String, Object>) updates.get(1).get("message");
        assertThat((Map<String, Object>) second.get("reply_to_message")).containsEntry("message_id", mention.messageId());
    }

    @Test
    void chatMember_reportsTheStatusTheTestSet() {
        server.setMemberStatus(-5, 1, "creator");

        Answer creator = json("getChatMember", "{\"chat_id\":\"-5\",\"user_id\":1}");
        Answer member = json("getChatMember", "{\"chat_id\":\"-5\",\"user_id\":2}");

        assertThat(((Map<?, ?>) creator.body().get("result")).get("status")).isEqualTo("creator");
        assertThat(((Map<?, ?>) member.body().get("result")).get("status")).isEqualTo("member");
    }

    @Test
    void setMyCommands_isRecordedPerScope() {
        json("setMyCommands", "{\"commands\":[{\"command\":\"help\",\"description\":\"d\"}]}");
        json("setMyCommands", "{\"commands\":[{\"command\":\"moderation\",\"description\":\"d\"}],"
                + "\"scope\":{\"type\":\"all_chat_administrators\"}}");

        assertThat(server.commands()).containsEntry("default", List.of("help"))
                .containsEntry("all_chat_administrators", List.of("moderation"));
    }
}
