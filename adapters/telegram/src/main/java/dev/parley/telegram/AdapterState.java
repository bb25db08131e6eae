package dev.parley.telegram;

/**
 * Where a {@link TelegramAdapter} is in its life. Only a {@link Started} adapter has what
 * {@code start()} creates (the bot's username, the transport and its intake); asking any other
 * state for it is an {@link IllegalStateException} that says why there is none.
 */
sealed interface AdapterState {

    /**
     * What exists only after a successful start.
     *
     * @throws IllegalStateException before start, while starting (or after a failed start), and after close
     */
    Started started();

    /** Built, {@code start()} not called yet. */
    record Created() implements AdapterState {
        @Override
        public Started started() {
            throw new IllegalStateException("the Telegram adapter is not started; call start() first");
        }
    }

    /** {@code start()} was called and has not returned, or failed: a second start is refused all the same. */
    record Starting() implements AdapterState {
        @Override
        public Started started() {
            throw new IllegalStateException("the Telegram adapter is still starting, or its start failed");
        }
    }

    /**
     * Started: what exists only from then on.
     *
     * @param username the bot's username as Telegram reported it ({@code getMe})
     * @param transport how updates arrive, long polling or the webhook, with the intake it feeds
     */
    record Started(String username, TelegramConnection.Transport transport) implements AdapterState {
        @Override
        public Started started() {
            return this;
        }
    }

    /** Closed: nothing is received or sent any more, and it cannot be started again. */
    record Closed() implements AdapterState {
        @Override
        public Started started() {
            throw new IllegalStateException("the Telegram adapter was closed");
        }
    }
}
