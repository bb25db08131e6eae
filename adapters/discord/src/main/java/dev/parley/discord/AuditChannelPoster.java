package dev.parley.discord;

import dev.parley.core.audit.BlockReport;
import dev.parley.core.audit.BlockReportText;
import dev.parley.core.audit.BlockReports;
import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.ratelimit.OutboundTarget;
import java.util.function.Function;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts moderation blocks to a server's audit channel: who, where, which way, the category, rule
 * and scores, a hash, and the redacted excerpt when the server's policy asks for one; never the
 * text. A channel of another server is refused, so no server can read another's blocks.
 */
final class AuditChannelPoster implements BlockReports {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChannelPoster.class);
    private static final BlockReportText TEXT = new BlockReportText(
            report -> "<@" + report.authorId() + "> in <#" + DiscordAdapter.channelIdOf(report.location()) + ">",
            excerpt -> "`" + excerpt.replace('`', '\'') + "`"); // a code span: no markdown or link in it is rendered

    private final Function<String, @Nullable GuildMessageChannel> channels;
    private final OutboundDriver driver;

    /** @param channels finds a guild channel by id among this process's shards, or null */
    AuditChannelPoster(Function<String, @Nullable GuildMessageChannel> channels, OutboundDriver driver) {
        this.channels = channels;
        this.driver = driver;
    }

    @Override
    public void report(BlockReport report) {
        GuildMessageChannel channel = channels.apply(report.auditChannelId());
        if (channel == null || !channel.getGuild().getId().equals(report.location().scopeId())) {
            LOG.warn("scope={} audit channel {} is not a channel of that server; report dropped",
                    report.scope(), report.auditChannelId());
            return;
        }
        String text = text(report);
        var post = channel.sendMessage(text).setAllowedMentions(ChannelReplySink.NO_MENTIONS);
        if (report.reviewId() != null) {
            post = post.setComponents(ReviewButtonListener.buttons(report.reviewId())); // the review actions
        }
        var send = post;
        // a block judged while the bot stops comes after the driver closed: nobody is left to post it
        if (!driver.offer(OutboundTarget.discordChannel(channel.getId()), () -> RestCalls.run(send, posted -> {}))) {
            LOG.info("scope={} audit_channel={} review={} block report not posted: the bot is shutting down",
                    report.scope(), report.auditChannelId(), report.reviewId());
        }
    }

    static String text(BlockReport report) {
        return TEXT.of(report);
    }
}
