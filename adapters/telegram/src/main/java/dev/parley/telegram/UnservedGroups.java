package dev.parley.telegram;

import dev.parley.core.access.ServedScopes;
import dev.parley.core.conversation.Platform;
import dev.parley.core.settings.ScopeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.groupadministration.LeaveChat;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Leaves a group the bot was just added to when the operator's lists say it does not serve it
 * there and {@code parley.access.leave-unlisted} is on; otherwise the bot stays (and ignores it).
 */
final class UnservedGroups {

    // logged under the adapter's name, as the rest of the update handling
    private static final Logger LOG = LoggerFactory.getLogger(TelegramAdapter.class);

    private final TelegramClient client;
    private final ServedScopes served;

    UnservedGroups(TelegramClient client, ServedScopes served) {
        this.client = client;
        this.served = served;
    }

    /** On a lane's virtual thread: the bot was added to group {@code chatId}. */
    void added(long chatId) {
        if (!served.leaves(new ScopeKey(Platform.TELEGRAM, Long.toString(chatId)))) {
            return;
        }
        try {
            client.execute(LeaveChat.builder().chatId(chatId).build());
            LOG.info("left group {}: not among the groups this bot serves", Long.toString(chatId));
        } catch (TelegramApiException e) {
            LOG.warn("could not leave group {}: {}", Long.toString(chatId), e.getMessage());
        }
    }
}
