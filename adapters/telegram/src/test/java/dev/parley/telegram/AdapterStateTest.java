package dev.parley.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.queue.InferenceQueue;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What exists only after start ({@link AdapterState.Started}) is refused, with the reason, in
 * every other state, and the adapter's accessors for it say so instead of answering null.
 */
class AdapterStateTest {

    /** Nothing listens on port 1: a start fails at once, as when Telegram cannot be reached. */
    private static final TelegramSettings UNREACHABLE = new TelegramSettings("123:secret",
            URI.create("http://127.0.0.1:1"), null, Duration.ofSeconds(10));

    @Test
    void started_inEveryStateButStarted_refusesSayingWhy() {
        assertThatThrownBy(() -> new AdapterState.Created().started()).isInstanceOf(IllegalStateException.class)
                .hasMessage("the Telegram adapter is not started; call start() first");
        assertThatThrownBy(() -> new AdapterState.Starting().started()).isInstanceOf(IllegalStateException.class)
                .hasMessage("the Telegram adapter is still starting, or its start failed");
        assertThatThrownBy(() -> new AdapterState.Closed().started()).isInstanceOf(IllegalStateException.class)
                .hasMessage("the Telegram adapter was closed");
    }

    @Test
    void username_beforeStart_isRefusedInsteadOfNull() {
        try (var adapter = adapter()) {
            assertThatThrownBy(adapter::username).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("call start() first");
            assertThatThrownBy(adapter::webhookPort).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("call start() first");
            assertThat(adapter.pollingUsername()).isEmpty();
        }
    }

    @Test
    void start_afterAFailedStart_isRefused_andCloseStillReleasesEverything() throws InterruptedException {
        var adapter = adapter();

        assertThatThrownBy(adapter::start).isInstanceOf(TelegramStartException.class)
                .hasMessageStartingWith("could not reach Telegram");
        assertThatThrownBy(adapter::start).isInstanceOf(IllegalStateException.class).hasMessage("already started");
        assertThatThrownBy(adapter::username).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("its start failed");

        adapter.close();
        assertThat(adapter.awaitClosed(Duration.ZERO)).isTrue();
    }

    @Test
    void start_afterClose_isRefused() {
        var adapter = adapter();
        adapter.close();

        assertThatThrownBy(adapter::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("the Telegram adapter was closed");
        assertThatThrownBy(adapter::username).isInstanceOf(IllegalStateException.class)
                .hasMessage("the Telegram adapter was closed");
    }

    private final InferenceQueue queue = new InferenceQueue(1, 20);

    @AfterEach
    void closeQueue() {
        queue.close();
    }

    private TelegramAdapter adapter() {
        // no update ever reaches the core here: start fails, or is refused, before polling
        return TelegramAdapter.builder().settings(UNREACHABLE).pipeline(PlainPipeline.over(new ScriptedChatModel(), queue))
                .clock(InstantSource.system()).build();
    }
}
