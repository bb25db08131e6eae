package dev.parley.discord;

import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.ratelimit.OutboundTarget;
import dev.parley.core.review.AuthorNotices;
import dev.parley.core.review.ReviewItem;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Function;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import org.jspecify.annotations.Nullable;

/**
 * Tells the author of a reviewed message an admin's warning, as a reply to that message in its
 * channel (or thread), through the paced send queue; it pings nobody, the author included.
 */
final class ReviewNotices implements AuthorNotices {

    private static final Logger LOG = System.getLogger(ReviewNotices.class.getName());

    private final Function<String, @Nullable GuildMessageChannel> channels;
    private final OutboundDriver driver;

    /** @param channels finds a guild channel by id among this process's shards, or null */
    ReviewNotices(Function<String, @Nullable GuildMessageChannel> channels, OutboundDriver driver) {
        this.channels = channels;
        this.driver = driver;
    }

    @Override
    public void tell(ReviewItem item, String text) {
        String where = item.location().threadId() != null ? item.location().threadId() : item.location().channelId();
        GuildMessageChannel channel = channels.apply(where);
        if (channel == null) {
            LOG.log(Level.WARNING, "scope={0} channel {1} of review {2} is not served here; warning not sent",
                    item.scope(), where, item.id());
            return;
        }
        var send = channel.sendMessage(text).setMessageReference(item.messageId()).failOnInvalidReply(false)
                .mentionRepliedUser(false).setAllowedMentions(ChannelReplySink.NO_MENTIONS);
        driver.enqueue(OutboundTarget.discordChannel(channel.getId()), () -> RestCalls.run(send, posted -> {}));
    }
}
