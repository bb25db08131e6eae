package dev.parley.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.Posted;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import dev.parley.testkit.telegram.WebhookDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The connection alone, with the real TelegramBots client against {@link FakeTelegramServer}: it
 * long-polls or listens for the webhook as the settings say, and stops in the order that neither
 * loses nor repeats an update. The updates go to a plain list instead of the core.
 */
class TelegramConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final String TOKEN = "123:secret";
    private static final String SECRET = "s3cret-token_ok";
    private static final TelegramUser BOT = TelegramUser.bot(9000, "Parley", "parley_bot");
    private static final TelegramUser ALICE = TelegramUser.person(1001, "Alice", "alice");
    private static final TelegramChat ALICE_DM = TelegramChat.privateWith(ALICE);

    private final FakeTelegramServer server = FakeTelegramServer.start(TOKEN, BOT);
    private final ExecutorService lanes = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Update> handedOver = new CopyOnWriteArrayList<>();
    private final UpdateIntake intake = new UpdateIntake(handedOver::add, lanes, Duration.ofSeconds(10));
    private TelegramConnection connection;

    @AfterEach
    void closeAll() {
        if (connection != null) {
            connection.close();
        }
        lanes.shutdownNow();
        server.close();
    }

    private TelegramConnection connect(TelegramSettings settings) {
        connection = new TelegramConnection(settings, new DoublingBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)));
        return connection;
    }

    private TelegramSettings polling() {
        return new TelegramSettings(TOKEN, server.baseUri(), null, Duration.ofSeconds(10));
    }

    private TelegramSettings webhookOn(int port) {
        return polling().withWebhook(new WebhookSettings(URI.create("http://127.0.0.1:" + port + "/telegram"),
                "/telegram", port, SECRET));
    }

    private void awaitHandedOver(Posted posted) {
        server.await("update " + posted.updateId() + " handed over",
                () -> handedOver.stream().anyMatch(u -> u.getUpdateId() == posted.updateId()), WAIT);
    }

    @Test
    void bot_isTheOneTheTokenBelongsTo() {
        assertThat(connect(polling()).bot().getUserName()).isEqualTo("parley_bot");
    }

    @Test
    void bot_withATokenTelegramRefuses_failsToStartSayingSo() {
        var wrongToken = new TelegramSettings("999:wrong", server.baseUri(), null, Duration.ofSeconds(10));

        assertThatThrownBy(() -> connect(wrongToken).bot()).isInstanceOf(TelegramStartException.class)
                .hasMessageStartingWith("Telegram refused the token");
    }

    @Test
    void receive_withoutAWebhook_pollsUntilStopped_thenConfirmsWhatWasHandedOver() throws InterruptedException {
        var connection = connect(polling());

        var transport = connection.receive(intake, "parley_bot");
        server.awaitPolling(WAIT);
        Posted hello = server.userSends(ALICE_DM, ALICE, "hello");
        awaitHandedOver(hello);
        assertThat(transport).isInstanceOf(TelegramConnection.Transport.Polling.class);
        assertThat(transport.polling()).isTrue();

        connection.stopReceiving(transport, GRACE);

        assertThat(transport.polling()).isFalse();
        assertThat(server.unconfirmedUpdates()).isEmpty();
        // the confirming call waits for nothing; the long polls before it waited
        assertThat(server.requests("getUpdates")).filteredOn(r -> Long.valueOf(0).equals(r.number("timeout")))
                .singleElement().satisfies(confirm -> assertThat(confirm.number("offset")).isEqualTo(hello.updateId() + 1));
        assertThat(server.requests("setWebhook")).isEmpty();
    }

    @Test
    void receive_withAWebhook_setsItAndNeverPolls_andOnceStoppedRefusesPostsSoTelegramKeepsThem()
            throws InterruptedException {
        int port = freePort();
        var connection = connect(webhookOn(port));

        var transport = connection.receive(intake, "parley_bot");
        Posted before = server.userSends(ALICE_DM, ALICE, "before the stop");
        awaitHandedOver(before);
        assertThat(transport).isInstanceOf(TelegramConnection.Transport.Webhook.class);
        assertThat(transport.polling()).isFalse();
        assertThat(server.webhookUrl()).hasToString("http://127.0.0.1:" + port + "/telegram");

        connection.stopReceiving(transport, GRACE);
        Posted after = server.userSends(ALICE_DM, ALICE, "after the stop");
        server.await("a failed delivery", () -> server.webhookDeliveries().stream()
                .anyMatch(d -> d.updateId() == after.updateId()), WAIT);

        assertThat(server.webhookDeliveries()).filteredOn(d -> d.updateId() == after.updateId())
                .extracting(WebhookDelivery::status).doesNotContain(200);
        assertThat(handedOver).extracting(Update::getUpdateId).containsExactly((int) before.updateId());
        assertThat(server.requests("getUpdates")).isEmpty();
        assertThat(server.webhookUrl()).as("the webhook stays set for the next start").isNotNull();
    }

    @Test
    void receive_whenTelegramRefusesTheWebhook_failsToStart_andLeavesThePortFree() {
        int port = freePort();
        var connection = connect(webhookOn(port));
        server.failNext("setWebhook", 1, 1);

        assertThatThrownBy(() -> connection.receive(intake, "parley_bot")).isInstanceOf(TelegramStartException.class)
                .hasMessageStartingWith("Telegram refused the webhook");

        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).as("nothing listens on the webhook's port").isEqualTo(port);
        } catch (IOException e) {
            throw new AssertionError("the webhook's port is still taken after the failed start", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
