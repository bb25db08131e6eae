package dev.parley.discord;

import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.ReplySink;
import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.ratelimit.OutboundTarget;
import dev.parley.core.reply.ReplyChains;
import dev.parley.core.reply.ReplySplitter;
import dev.parley.core.reply.StreamedReply;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletionStage;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows one answer in a Discord channel through the core's {@link StreamedReply}: the reply is
 * posted as a reply to the user's message as soon as its first moderated words arrive and then
 * edited as it grows, at most as often as the channel's limit allows; past 2,000 characters it
 * continues in further messages. A withdrawn reply is edited into the notice and its other parts
 * deleted. Nothing the bot posts can ping anyone: no allowed mentions, not even the replied user.
 *
 * <p>Every REST call runs on the adapter's outbound driver thread ({@link ChannelMessages}); the
 * pipeline's threads only record what should be shown. {@link #delivered()} completes once the
 * channel shows everything the sink was given (or the channel refused it, or the retries ran out).
 *
 * <p>A send asked for once shutdown closed the driver is dropped, not thrown: the pipeline would
 * take a throw for a broken sink and forget the question, while a dropped send leaves
 * {@link #delivered()} open, so the question stays kept and the next start answers it again.
 */
final class ChannelReplySink implements ReplySink {

    /** Pauses in a row (429s, timeouts) after which the answer is given up rather than retried forever. */
    private static final int MAX_RETRIES = 8;
    private static final Logger LOG = LoggerFactory.getLogger(ChannelReplySink.class);
    static final EnumSet<Message.MentionType> NO_MENTIONS = EnumSet.noneOf(Message.MentionType.class);

    private final StreamedReply reply;
    private volatile Runnable onFirstOutput = () -> {};

    /**
     * @param chainRoot the reply chain the answer joins, remembered for each part posted; null outside chains
     */
    ChannelReplySink(MessageChannel channel, String userMessageId, @Nullable String chainRoot, OutboundDriver driver,
            ReplySplitter splitter, ReplyChains chains) {
        OutboundTarget target = OutboundTarget.discordChannel(channel.getId());
        this.reply = new StreamedReply(new ChannelMessages(channel, userMessageId, chainRoot, chains), splitter, send -> {
            if (!driver.offer(target, send)) {
                LOG.debug("channel={} message={} reply send dropped: the bot is shutting down", channel.getId(), userMessageId);
            }
        }, MAX_RETRIES);
    }

    /**
     * What to run when something is about to be shown (it stops the typing indicator); set again
     * when an edited message is answered anew in this same reply.
     */
    void onFirstOutput(Runnable action) {
        this.onFirstOutput = action;
    }

    @Override
    public void notice(Notice notice) {
        onFirstOutput.run();
        if (reply.hasReply() && (notice.kind() == Notice.Kind.INPUT_BLOCKED || notice.kind() == Notice.Kind.TOO_LONG)) {
            reply.withdraw(notice.text()); // an edited message judged anew: its refusal replaces the answer it had
        } else {
            reply.tell(notice.text());
        }
    }

    @Override
    public CompletionStage<Void> delivered() {
        return reply.delivered();
    }

    @Override
    public void progress(String visibleSoFar) {
        onFirstOutput.run();
        reply.show(visibleSoFar);
    }

    @Override
    public void complete(String finished) {
        onFirstOutput.run();
        reply.show(finished);
    }

    @Override
    public void withdraw(Notice replacement) {
        onFirstOutput.run();
        reply.withdraw(replacement.text());
    }

    @Override
    public List<String> shownBy() {
        return reply.shownBy();
    }
}
