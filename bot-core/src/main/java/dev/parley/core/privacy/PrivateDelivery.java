package dev.parley.core.privacy;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.Platform;

/**
 * The port through which a file reaches one user and nobody else: a DM on Discord, the user's
 * private chat with the bot on Telegram. Never a group. Implementations may block (the commands run
 * off the platforms' own threads) but must give up after a bounded time.
 */
@FunctionalInterface
public interface PrivateDelivery {

    /** Delivers nothing: for platforms without a private channel (the console). */
    PrivateDelivery NONE = (platform, user, file) -> Outcome.UNSUPPORTED;

    /** How a delivery ended. */
    enum Outcome {
        /** The file is in the user's private chat. */
        SENT,
        /** The user never opened a private chat with the bot (Telegram), or closed DMs (Discord). */
        NO_PRIVATE_CHAT,
        /** The platform failed; trying later may work. */
        FAILED,
        /** This platform has no private channel to send to. */
        UNSUPPORTED
    }

    /** Sends {@code file} to {@code user} of {@code platform} privately. */
    Outcome send(Platform platform, Author user, ExportFile file);
}
