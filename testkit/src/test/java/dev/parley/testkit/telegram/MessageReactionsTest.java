package dev.parley.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testkit.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake sends {@code message_reaction} updates only as Telegram does. */
class MessageReactionsTest {

    private static final TelegramUser BOT = TelegramUser.bot(9, "Parley", "parley_bot");
    private static final TelegramUser ALICE = TelegramUser.person(1, "Alice", "alice");
    private static final TelegramChat DM = TelegramChat.privateWith(ALICE);
    private static final TelegramChat GROUP = TelegramChat.supergroup(-5, "Friends");

    private final FakeTelegramServer server = FakeTelegramServer.start("1:token", BOT);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    private Object getUpdates(String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(server.baseUri() + "/bot1:token/getUpdates"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return ((Map<?, ?>) Json.parse(response.body())).get("result");
    }

    @Test
    void userReacts_isSentOnlyAfterTheBotAskedForReactions() throws Exception {
        assertThat(server.userReacts(DM, ALICE, 3, List.of(), List.of("👍"))).isFalse();

        getUpdates("{\"timeout\":0,\"allowed_updates\":[\"message\",\"message_reaction\"]}");
        assertThat(server.userReacts(DM, ALICE, 3, List.of(), List.of("👍"))).isTrue();

        List<?> updates = (List<?>) getUpdates("{\"timeout\":0}");
        assertThat(updates).singleElement().satisfies(update -> {
            Map<?, ?> reaction = (Map<?, ?>) ((Map<?, ?>) update).get("message_reaction");
            assertThat(reaction.get("message_id")).isEqualTo(3L);
            assertThat(reaction.get("new_reaction")).isEqualTo(List.of(Map.of("type", "emoji", "emoji", "👍")));
            assertThat(reaction.get("old_reaction")).isEqualTo(List.of());
        });
    }

    @Test
    void userReacts_inAGroupIsSentOnlyWhereTheBotIsAnAdministrator() throws Exception {
        getUpdates("{\"timeout\":0,\"allowed_updates\":[\"message_reaction\"]}");
        assertThat(server.userReacts(GROUP, ALICE, 3, List.of(), List.of("👎"))).isFalse();

        server.setMemberStatus(GROUP.id(), BOT.id(), "administrator");
        assertThat(server.userReacts(GROUP, ALICE, 3, List.of(), List.of("👎"))).isTrue();
    }

    @Test
    void allowedUpdates_withoutReactionsStopsThem() throws Exception {
        getUpdates("{\"timeout\":0,\"allowed_updates\":[\"message_reaction\"]}");
        getUpdates("{\"timeout\":0,\"allowed_updates\":[\"message\"]}");

        assertThat(server.userReacts(DM, ALICE, 3, List.of(), List.of("👍"))).isFalse();
    }
}
