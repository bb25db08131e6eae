package dev.parley.telegram;

import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.feedback.Reaction;
import dev.parley.core.feedback.ReactionVotes;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.telegram.telegrambots.meta.api.objects.reactions.MessageReactionUpdated;
import org.telegram.telegrambots.meta.api.objects.reactions.ReactionType;
import org.telegram.telegrambots.meta.api.objects.reactions.ReactionTypeEmoji;

/**
 * Hands Telegram's {@code message_reaction} updates to the core's votes: who changed their
 * reactions on which message, from which emoji to which. Telegram sends them only when the bot
 * asks for them in {@code allowed_updates} and, in groups, only where the bot is an admin;
 * anonymous reactions (by a chat, not a user) are not votes.
 */
final class TelegramReactions {

    /** The update kinds the bot polls for: Telegram's defaults, and message reactions. */
    static final List<String> ALLOWED_UPDATES = List.of("message", "edited_message", "channel_post",
            "edited_channel_post", "my_chat_member", "callback_query", "message_reaction");

    private final @Nullable ReactionVotes votes;

    /** @param votes where reactions become votes; null where feedback is not kept (reactions are ignored) */
    TelegramReactions(@Nullable ReactionVotes votes) {
        this.votes = votes;
    }

    /** One reaction update, on a lane's virtual thread. */
    void handle(MessageReactionUpdated update) {
        if (votes == null || update.getUser() == null || update.getChat() == null || update.getMessageId() == null) {
            return;
        }
        String chat = String.valueOf(update.getChat().getId());
        votes.reacted(Reaction.changed(new Location(Platform.TELEGRAM, chat, chat, null),
                String.valueOf(update.getMessageId()), String.valueOf(update.getUser().getId()),
                Boolean.TRUE.equals(update.getUser().getIsBot()), emoji(update.getOldReaction()),
                emoji(update.getNewReaction())));
    }

    private static List<String> emoji(@Nullable List<ReactionType> reactions) {
        return reactions == null ? List.of() : reactions.stream()
                .filter(ReactionTypeEmoji.class::isInstance).map(r -> ((ReactionTypeEmoji) r).getEmoji()).toList();
    }
}
