package dev.parley.discord;

import static dev.parley.discord.ChannelReplySink.NO_MENTIONS;

import dev.parley.core.ratelimit.SendResult;
import dev.parley.core.reply.PostResult;
import dev.parley.core.reply.ReplyChains;
import dev.parley.core.reply.ReplyMessages;
import java.util.concurrent.atomic.AtomicReference;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import org.jspecify.annotations.Nullable;

/**
 * The messages of one answer in a Discord channel, as JDA REST calls ({@link RestCalls} turns
 * their failures into the scheduler's results). The first part and every notice reply to the
 * user's message; nothing pings anyone. Each part posted joins the question's reply chain.
 */
final class ChannelMessages implements ReplyMessages {

    private final MessageChannel channel;
    private final String userMessageId;
    private final @Nullable String chainRoot;
    private final ReplyChains chains;

    ChannelMessages(MessageChannel channel, String userMessageId, @Nullable String chainRoot, ReplyChains chains) {
        this.channel = channel;
        this.userMessageId = userMessageId;
        this.chainRoot = chainRoot;
        this.chains = chains;
    }

    @Override
    public PostResult post(String text, boolean answersUser) {
        var action = channel.sendMessage(text).setAllowedMentions(NO_MENTIONS).mentionRepliedUser(false);
        if (answersUser) {
            action = action.setMessageReference(userMessageId).failOnInvalidReply(false);
        }
        AtomicReference<String> posted = new AtomicReference<>();
        SendResult result = RestCalls.run(action, message -> {
            posted.set(message.getId());
            chains.remember(message.getId(), chainRoot == null ? message.getId() : chainRoot, true);
        });
        return result instanceof SendResult.Sent ? PostResult.posted(posted.get()) : PostResult.notPosted(result);
    }

    @Override
    public SendResult edit(String id, String text) {
        return RestCalls.run(channel.editMessageById(id, text).setAllowedMentions(NO_MENTIONS), edited -> {});
    }

    @Override
    public SendResult delete(String id) {
        return RestCalls.run(channel.deleteMessageById(id), deleted -> {});
    }

    @Override
    public SendResult notice(String text) {
        return RestCalls.run(channel.sendMessage(text)
                .setMessageReference(userMessageId)
                .failOnInvalidReply(false)
                .mentionRepliedUser(false)
                .setAllowedMentions(NO_MENTIONS), posted -> {});
    }
}
