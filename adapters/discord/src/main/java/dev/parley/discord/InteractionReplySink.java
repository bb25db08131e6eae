package dev.parley.discord;

import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.ReplySink;
import dev.parley.core.reply.ReplySplitter;
import java.util.List;
import net.dv8tion.jda.api.interactions.InteractionHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a slash-command ephemerally (only its author sees it): the interaction was deferred at
 * once, within Discord's 3 s, and the answer replaces the "thinking" placeholder; an answer longer
 * than one message continues in ephemeral follow-ups.
 */
final class InteractionReplySink implements ReplySink {

    private static final Logger LOG = LoggerFactory.getLogger(InteractionReplySink.class);

    private final InteractionHook hook;
    private final ReplySplitter splitter;

    InteractionReplySink(InteractionHook hook, ReplySplitter splitter) {
        this.hook = hook;
        this.splitter = splitter;
    }

    @Override
    public void notice(Notice notice) {
        answer(notice.text());
    }

    @Override
    public void progress(String visibleSoFar) {
        // commands are answered whole; a command never streams
    }

    @Override
    public void complete(String reply) {
        answer(reply);
    }

    @Override
    public void withdraw(Notice replacement) {
        answer(replacement.text());
    }

    private void answer(String text) {
        List<String> parts = splitter.split(text);
        if (parts.isEmpty()) {
            parts = List.of("Done.");
        }
        hook.editOriginal(parts.getFirst()).setAllowedMentions(ChannelReplySink.NO_MENTIONS)
                .queue(ok -> {}, failure -> LOG.warn("command answer failed: {}", failure.toString()));
        for (String part : parts.subList(1, parts.size())) {
            hook.sendMessage(part).setEphemeral(true).setAllowedMentions(ChannelReplySink.NO_MENTIONS)
                    .queue(ok -> {}, failure -> LOG.warn("command follow-up failed: {}", failure.toString()));
        }
    }
}
