package dev.parley.telegram;

import java.util.OptionalInt;

/**
 * The port where the adapter keeps, per bot, the id of the first Telegram update it has not yet
 * handed to the core, so that after a crash polling resumes there: Telegram itself learns of an
 * update only with the next poll, which a killed process never makes.
 */
public interface UpdateOffsets {

    /** Keeps nothing: every start polls from what Telegram has not had confirmed. */
    UpdateOffsets NONE = new UpdateOffsets() {
        @Override
        public OptionalInt next(long botId) {
            return OptionalInt.empty();
        }

        @Override
        public void handedOver(long botId, int nextUpdateId) {}
    };

    /** The first update of {@code botId} not yet handed over, if one was kept. */
    OptionalInt next(long botId);

    /** Every update of {@code botId} below {@code nextUpdateId} was handed to the core. */
    void handedOver(long botId, int nextUpdateId);
}
