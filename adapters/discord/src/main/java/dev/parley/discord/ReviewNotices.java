package dev.parley.discord;

import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.ratelimit.OutboundTarget;
import dev.parley.core.review.AuthorNotices;
import dev.parley.core.review.ReviewItem;
import java.util.function.Function;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the author of a reviewed message an admin's warning, as a reply to that message in its
 * channel (or thread), through the paced send queue; it pings nobody, the author included.
 */
final class ReviewNotices implements AuthorNotices {

    private static final Logger LOG = LoggerFactory.getLogger(ReviewNotices.class);

    private final Function<String, @Nullable GuildMessageChannel> channels;
    private final OutboundDriver driver;

    /** @param channels finds a guild channel by id among this process's shards, or null */
    ReviewNotices(Function<String, @Nullable GuildMessageChannel> channels, OutboundDriver driver) {
        this.channels = channels;
        this.driver = driver;
    }

    @Override
    public void tell(ReviewItem item, String text) {
        String where = DiscordAdapter.channelIdOf(item.location());
        GuildMessageChannel channel = channels.apply(where);
        if (channel == null) {
            LOG.warn("scope={} channel {} of review {} is not served here; warning not sent",
                    item.scope(), where, item.id());
            return;
        }
        var send = channel.sendMessage(text).setMessageReference(item.messageId()).failOnInvalidReply(false)
                .mentionRepliedUser(false).setAllowedMentions(ChannelReplySink.NO_MENTIONS);
        // an admin may resolve a review while the bot stops, after the driver closed: nobody is left to send it
        if (!driver.offer(OutboundTarget.discordChannel(channel.getId()), () -> RestCalls.run(send, posted -> {}))) {
            LOG.info("scope={} channel={} review={} warning not sent: the bot is shutting down",
                    item.scope(), where, item.id());
        }
    }
}
