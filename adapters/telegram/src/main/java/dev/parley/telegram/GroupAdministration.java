package dev.parley.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChat;
import org.telegram.telegrambots.meta.api.objects.chat.ChatFullInfo;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Lets a group's admin manage it from their private chat with the bot, so that settings need not
 * be changed in front of the whole group: {@code /manage <group id or @username>} makes the admin
 * commands ({@code /moderation}, {@code /ratelimit}, {@code /bot}, {@code /persona}, {@code /audit}) that follow in
 * the private chat apply to that group, {@code /manage off} ends it, {@code /manage} tells which.
 *
 * <p>The admin status is checked with {@code getChatMember} when managing starts and again (with
 * the adapter's brief cache) on every command, so an admin who is demoted loses the right within
 * a minute. Everything else said in the private chat ({@code /reset}, {@code /stop}, questions)
 * stays in the private chat. What is managed is remembered for an hour after its last use.
 */
final class GroupAdministration {

    private static final Logger LOG = LoggerFactory.getLogger(GroupAdministration.class);
    /** The commands that act on a chat's settings, redirected to the managed group. */
    static final Set<String> ADMIN_COMMANDS = Set.of("moderation", "ratelimit", "bot", "persona", "audit", "quota");
    static final String USAGE = "Usage: /manage <group id or @username> to manage a group you administer from here, "
            + "/manage off to return to this chat.";

    /** A group managed from a private chat. */
    record ManagedGroup(long chatId, String title) {}

    private final TelegramClient client;
    private final AdminLookup admins;
    private final Cache<Long, ManagedGroup> managed;

    GroupAdministration(TelegramClient client, AdminLookup admins, Ticker ticker) {
        this.client = client;
        this.admins = admins;
        this.managed = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1)).maximumSize(10_000)
                .ticker(ticker).build();
    }

    /** Runs {@code /manage <argument>} for {@code userId}, written in their private chat; the answer. */
    String manage(long userId, String argument) {
        String target = argument.strip();
        if (target.isEmpty()) {
            ManagedGroup current = managed.getIfPresent(userId);
            return current == null ? "You are managing this private chat. " + USAGE
                    : "Admin commands here apply to " + current.title() + " (" + current.chatId()
                            + "). /manage off to return to this chat.";
        }
        if (target.equalsIgnoreCase("off")) {
            return managed.asMap().remove(userId) == null ? "You were not managing a group."
                    : "Admin commands here apply to this private chat again.";
        }
        if (!target.startsWith("@") && !target.matches("-?\\d+")) {
            return USAGE;
        }
        ChatFullInfo chat;
        try {
            chat = client.execute(GetChat.builder().chatId(target).build());
        } catch (TelegramApiException e) {
            LOG.debug("getChat {} failed: {}", target, ApiErrors.describe(e));
            return "I cannot find the group " + target + ". I must be a member of it; a private group is named by "
                    + "its id (such as -1001234567890).";
        }
        String type = chat.getType().toLowerCase(Locale.ROOT);
        if (!type.equals("group") && !type.equals("supergroup")) {
            return target + " is not a group.";
        }
        String title = chat.getTitle() != null ? chat.getTitle() : String.valueOf(chat.getId());
        if (!admins.isAdmin(chat.getId(), userId)) {
            return "Only admins of " + title + " can manage it, and Telegram says you are not one.";
        }
        managed.put(userId, new ManagedGroup(chat.getId(), title));
        return "Admin commands here (/moderation, /ratelimit, /bot, /audit) now apply to " + title
                + ". /manage off to return to this chat.";
    }

    /** The group {@code userId} manages from their private chat, if any. */
    @Nullable ManagedGroup managedBy(long userId) {
        return managed.getIfPresent(userId);
    }

    /**
     * {@code command}, written in a private chat, as if written in {@code group}: its location is
     * the group's and its author's admin status the group's (checked now).
     */
    InboundMessage inGroup(InboundMessage command, long userId, ManagedGroup group) {
        String chat = String.valueOf(group.chatId());
        boolean admin = admins.isAdmin(group.chatId(), userId);
        return new InboundMessage(command.messageId(), new Location(Platform.TELEGRAM, chat, chat, null),
                new Author(command.author().id(), command.author().displayName(),
                        command.author().roles(), admin, command.author().bot()), command.text(), null, true, false, command.sentAt(), null);
    }
}
