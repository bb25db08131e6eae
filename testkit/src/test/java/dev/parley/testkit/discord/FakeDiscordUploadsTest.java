package dev.parley.testkit.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeDiscordUploadsTest {

    private static final String BOUNDARY = "b0undary";

    private final FakeDiscordServer server = FakeDiscordServer.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    @Test
    void aMessageWithAFile_inADirectMessage_keepsTheFilesNameAndContent() throws Exception {
        FakeUser ana = server.createUser("ana");
        long dm = server.openDm(ana);
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n\r\n"
                + "{\"content\":\"your data\",\"attachments\":[{\"id\":0,\"filename\":\"export.json\"}]}\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"export.json\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n{\"turns\": [\"ol\u00e1\"]}\r\n--" + BOUNDARY + "--\r\n";

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(server.restBaseUrl() + "channels/" + dm + "/messages"))
                .header("Authorization", "Bot " + server.token())
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(server.uploadedFiles()).singleElement().satisfies(file -> {
            assertThat(file.channelId()).isEqualTo(dm);
            assertThat(file.fileName()).isEqualTo("export.json");
            assertThat(file.text()).isEqualTo("{\"turns\": [\"ol\u00e1\"]}");
        });
    }
}
