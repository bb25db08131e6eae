package dev.parley.telegram;

import dev.parley.core.command.CommandLine;
import dev.parley.core.conversation.InboundMessage;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberAdministrator;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberRestricted;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The check behind {@code /moderation audit-channel <chat>} on Telegram: a group's admin may send
 * the group's block reports only to a chat they administer too, and only where the bot can post,
 * both as {@code getChatMember} says now. Without it a group's admin could have another chat's
 * members read their group's blocks, or name a chat where every report would be lost.
 */
final class AuditChatCheck {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChatCheck.class);
    private static final Set<String> ADMIN_STATUSES = Set.of("creator", "administrator");

    private final TelegramClient client;
    private final long botId;

    AuditChatCheck(TelegramClient client, long botId) {
        this.client = client;
        this.botId = botId;
    }

    /**
     * The chat {@code command} names for block reports ({@code /moderation audit-channel <chat>}),
     * or null when it is another command, turns reports off, or is malformed (the core answers those).
     */
    static @Nullable String chatNamed(InboundMessage command) {
        CommandLine line = CommandLine.parse(command.text());
        if (line == null || !line.name().equals("moderation") || !line.word(0).equals("audit-channel")
                || line.words().size() != 2 || line.word(1).equals("off")) {
            return null;
        }
        return line.words().get(1);
    }

    /**
     * Why {@code userId} may not have the reports posted to {@code chat}, or null when they may.
     * Blocks for up to two Bot API calls; call it off TelegramBots' threads.
     */
    @Nullable String refusal(String chat, long userId) {
        ChatMember author = member(chat, userId);
        if (author == null) {
            return "I cannot reach chat " + chat + ": add me to it first (in a channel, as an admin who may post),"
                    + " then name it again. Blocks here are reported as before.";
        }
        if (!ADMIN_STATUSES.contains(author.getStatus())) {
            return "Telegram says you are not an administrator of chat " + chat + ", so blocks here cannot be"
                    + " reported there. Blocks here are reported as before.";
        }
        ChatMember bot = member(chat, botId);
        if (bot == null || !canPost(bot)) {
            return "I cannot post in chat " + chat + ": add me to it (in a channel, as an admin who may post),"
                    + " then name it again. Blocks here are reported as before.";
        }
        return null;
    }

    private static boolean canPost(ChatMember bot) {
        return switch (bot) {
            // in a channel only an admin with this right posts; Telegram leaves it out in groups
            case ChatMemberAdministrator admin -> !Boolean.FALSE.equals(admin.getCanPostMessages());
            case ChatMemberRestricted restricted -> Boolean.TRUE.equals(restricted.getIsMember())
                    && Boolean.TRUE.equals(restricted.getCanSendMessages());
            default -> Set.of("creator", "member").contains(bot.getStatus());
        };
    }

    private @Nullable ChatMember member(String chat, long userId) {
        try {
            return client.execute(new GetChatMember(chat, userId));
        } catch (TelegramApiException e) {
            LOG.info("could not look up a member of the audit chat {}: {}", chat, ApiErrors.describe(e));
            return null;
        }
    }
}
