package dev.parley.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Whether a user administers a group, as {@code getChatMember} says (creator or administrator),
 * remembered for a short while so a burst of commands costs one call. A failed lookup counts as
 * "not an admin" and is not remembered.
 */
final class AdminLookup {

    private static final Logger LOG = LoggerFactory.getLogger(AdminLookup.class);
    private static final Set<String> ADMIN_STATUSES = Set.of("creator", "administrator");

    private final TelegramClient client;
    private final Cache<String, Boolean> statuses;

    AdminLookup(TelegramClient client, Duration remembered, Ticker ticker) {
        this.client = client;
        this.statuses = Caffeine.newBuilder().expireAfterWrite(remembered).maximumSize(10_000).ticker(ticker).build();
    }

    /** Blocks for one Bot API call unless the answer is remembered; call it off TelegramBots' threads. */
    boolean isAdmin(long chatId, long userId) {
        String key = chatId + ":" + userId;
        Boolean known = statuses.getIfPresent(key);
        if (known != null) {
            return known;
        }
        try {
            ChatMember member = client.execute(new GetChatMember(String.valueOf(chatId), userId));
            boolean admin = ADMIN_STATUSES.contains(member.getStatus());
            statuses.put(key, admin);
            return admin;
        } catch (TelegramApiException e) {
            LOG.warn("could not look up a member of chat {}: {}", chatId, ApiErrors.describe(e));
            return false;
        }
    }
}
