package dev.parley.discord;

import dev.parley.core.conversation.Location;
import dev.parley.core.feedback.Reaction;
import dev.parley.core.feedback.ReactionVotes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.LongAdder;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.events.message.react.GenericMessageReactionEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import org.jspecify.annotations.Nullable;

/**
 * Hands Discord's reaction events (GUILD_MESSAGE_REACTIONS and DIRECT_MESSAGE_REACTIONS intents)
 * to the core's votes, off JDA's threads: who added or removed which unicode emoji on which message.
 * Custom emoji are never votes.
 */
final class DiscordReactions {

    private final @Nullable ReactionVotes votes;
    private final ExecutorService work;
    private final LongAdder handled = new LongAdder();

    /** @param votes where reactions become votes; null where feedback is not kept (reactions are ignored) */
    DiscordReactions(@Nullable ReactionVotes votes, ExecutorService work) {
        this.votes = votes;
        this.work = work;
    }

    void handle(GenericMessageReactionEvent event) {
        ReactionVotes to = votes;
        if (to == null || event.getEmoji().getType() != Emoji.Type.UNICODE) {
            return;
        }
        String emoji = event.getEmoji().getName();
        String voter = event.getUserId();
        User user = event.getUser();
        boolean bot = voter.equals(event.getJDA().getSelfUser().getId()) || (user != null && user.isBot());
        Location where = DiscordListener.location(event.getChannel(), event.isFromGuild() ? event.getGuild().getId() : null);
        String message = event.getMessageId();
        Reaction reaction = event instanceof MessageReactionAddEvent
                ? Reaction.added(where, message, voter, bot, emoji)
                : Reaction.removed(where, message, voter, bot, emoji);
        work.execute(() -> {
            try {
                to.reacted(reaction);
            } finally {
                handled.increment();
            }
        });
    }

    /** Reactions handed to the votes whose handling finished. */
    long handled() {
        return handled.sum();
    }
}
