package dev.parley.discord;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.regenerate.AnswerButtons;
import dev.parley.core.reply.ReplyChains;
import dev.parley.core.reply.ReplySplitter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The <em>Regenerate</em> button under the bot's answers: puts it under an answer's last message
 * once the answer is out, deletes an answer a regenerated one replaced, and hands a press to the
 * core. The presser's answer is ephemeral
 * ({@link dev.parley.core.pipeline.Regenerating#presserNote()}); the new answer replies to the
 * question as the first did, through a sink of its own.
 */
final class RegenerateButton extends ListenerAdapter implements AnswerButtons {

    private static final Logger LOG = LoggerFactory.getLogger(RegenerateButton.class);
    static final String ID = "regenerate";

    private final ChatPipeline pipeline;
    private final ExecutorService work;
    private final OutboundDriver driver;
    private final ReplyChains chains;
    private final ReplySplitter splitter = new ReplySplitter(Message.MAX_CONTENT_LENGTH);
    private final Function<Location, @Nullable MessageChannel> channels;

    /** @param channels the channel (or thread) of a location, null when this process does not see it */
    RegenerateButton(ChatPipeline pipeline, ExecutorService work, OutboundDriver driver, ReplyChains chains,
            Function<Location, @Nullable MessageChannel> channels) {
        this.pipeline = pipeline;
        this.work = work;
        this.driver = driver;
        this.chains = chains;
        this.channels = channels;
    }

    @Override
    public void offer(Location where, String messageId) {
        MessageChannel channel = channels.apply(where);
        if (channel != null) {
            channel.editMessageComponentsById(messageId, ActionRow.of(Button.secondary(ID, "Regenerate"))).queue(
                    ok -> {}, failure -> LOG.warn("could not add the regenerate button: {}",
                            failure.toString()));
        }
    }

    @Override
    public void remove(Location where, List<String> messageIds) {
        MessageChannel channel = channels.apply(where);
        if (channel != null) {
            for (String id : messageIds) {
                channel.deleteMessageById(id).queue(ok -> {}, failure -> LOG.warn("could not delete a replaced answer: {}", failure.toString()));
            }
        }
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        if (!event.getComponentId().equals(ID)) {
            return; // another feature's button
        }
        event.deferReply(true).queue(ok -> {}, failure -> LOG.warn("could not defer: {}", failure.toString()));
        MessageChannel channel = event.getMessageChannel();
        Location where = DiscordListener.location(channel, event.getGuild() == null ? null : event.getGuild().getId());
        work.execute(() -> {
            String answer;
            try {
                answer = pipeline.regenerate(where, event.getMessageId(), event.getUser().getId(),
                        question -> sink(channel, question)).presserNote();
            } catch (RuntimeException e) {
                LOG.warn("regenerate failed: {}", e.toString());
                answer = "Sorry, that did not work.";
            }
            event.getHook().editOriginal(answer).queue(ok -> {}, failure -> {});
        });
    }

    /** The new answer replies to the question, in its reply chain, as the first one did. */
    private ChannelReplySink sink(MessageChannel channel, InboundMessage question) {
        return new ChannelReplySink(channel, question.messageId(), question.conversationRoot(), driver, splitter,
                chains);
    }
}
