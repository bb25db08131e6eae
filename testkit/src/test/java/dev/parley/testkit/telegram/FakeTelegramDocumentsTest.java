package dev.parley.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeTelegramDocumentsTest {

    private static final TelegramUser BOT = TelegramUser.bot(9, "Parley", "parley_bot");
    private static final TelegramUser ALICE = TelegramUser.person(1, "Alice", "alice");
    private static final TelegramUser BOB = TelegramUser.person(2, "Bob", "bob");
    private static final String BOUNDARY = "b0undary";

    private final FakeTelegramServer server = FakeTelegramServer.start("1:token", BOT);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    private HttpResponse<String> sendDocument(long chatId, String fileName, String content) throws Exception {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n" + chatId + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nyour data\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + BOUNDARY + "--\r\n";
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/bot1:token/sendDocument"))
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sendDocument_toAPrivateChatTheUserOpened_isKeptWithItsNameContentAndCaption() throws Exception {
        server.userSends(TelegramChat.privateWith(ALICE), ALICE, "/start");

        HttpResponse<String> response = sendDocument(1, "export.json", "{\"a\": \"b\"}\n");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(((Map<?, ?>) ((Map<?, ?>) Json.parse(response.body())).get("result")).get("document")).isNotNull();
        assertThat(server.documents(1)).singleElement().satisfies(document -> {
            assertThat(document.fileName()).isEqualTo("export.json");
            assertThat(document.content()).isEqualTo("{\"a\": \"b\"}\n");
            assertThat(document.caption()).isEqualTo("your data");
        });
    }

    @Test
    void sendDocument_findsAFileAttachedAsAPartOfItsOwn_asTelegramBotsSendsIt() throws Exception {
        server.userSends(TelegramChat.privateWith(ALICE), ALICE, "/start");
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n1\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"export.json\"; filename=\"export.json\""
                + "\r\n\r\n[1, 2]\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"document\"\r\n\r\nattach://export.json\r\n"
                + "--" + BOUNDARY + "--\r\n";

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/bot1:token/sendDocument"))
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(server.documents(1)).singleElement().satisfies(document -> {
            assertThat(document.fileName()).isEqualTo("export.json");
            assertThat(document.content()).isEqualTo("[1, 2]");
        });
    }

    @Test
    void sendDocument_toAUserWhoNeverOpenedAPrivateChat_isForbidden() throws Exception {
        HttpResponse<String> response = sendDocument(2, "export.json", "{}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("bot can't initiate conversation with a user");
        assertThat(server.documents()).isEmpty();
        assertThat(BOB.id()).isEqualTo(2);
    }
}
