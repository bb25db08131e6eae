package dev.parley.discord;

import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.Notice;
import dev.parley.core.pipeline.Outcome;
import dev.parley.core.pipeline.ReplySink;
import dev.parley.core.ratelimit.OutboundDriver;
import dev.parley.core.reply.EditableReplies;
import dev.parley.core.reply.ReplyCaches;
import dev.parley.core.reply.ReplyChains;
import dev.parley.core.reply.ReplySplitter;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.GenericMessageEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionRemoveEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns JDA's events into the core's records and hands them to the pipeline, off JDA's threads:
 * messages (needs the GUILD_MESSAGES, DIRECT_MESSAGES and MESSAGE_CONTENT intents), deleted
 * messages, slash-commands, and reactions for feedback (see {@link DiscordReactions}). Decides nothing the core decides; it only says what Discord says:
 * who wrote, where, whether the bot was mentioned or replied to, and whether the author may
 * administer the server.
 */
final class DiscordListener extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordListener.class);
    static final String ATTACHMENTS_NOTICE = "I can only read text; attachments are not read.";

    private final ChatPipeline pipeline;
    private final SlashCommands commands;
    private final ReplyChains chains;
    private final OutboundDriver driver;
    private final TypingIndicator typing;
    private final ExecutorService work;
    private final @Nullable String adminRoleId;
    private final ReplySplitter splitter = new ReplySplitter(Message.MAX_CONTENT_LENGTH);
    private final LongAdder handled = new LongAdder();
    private final DiscordReactions reactions;
    /** The reply of each recent message, so an edit of the message updates the same reply. */
    private final EditableReplies<ChannelReplySink> sinks;

    DiscordListener(ChatPipeline pipeline, SlashCommands commands, ReplyChains chains, OutboundDriver driver,
            TypingIndicator typing, ExecutorService work, @Nullable String adminRoleId, ReplyCaches caches,
            DiscordReactions reactions) {
        this.reactions = reactions;
        this.sinks = new EditableReplies<>(caches);
        this.pipeline = pipeline;
        this.commands = commands;
        this.chains = chains;
        this.driver = driver;
        this.typing = typing;
        this.work = work;
        this.adminRoleId = adminRoleId;
    }

    /** Registers the slash-commands once per start (shard 0 speaks for the application); a bulk overwrite is idempotent. */
    @Override
    public void onReady(ReadyEvent event) {
        JDA jda = event.getJDA();
        if (jda.getShardInfo().getShardId() != 0) {
            return;
        }
        jda.updateCommands().addCommands(commands.definitions()).queue(
                registered -> LOG.info("registered {} slash-commands", registered.size()),
                failure -> LOG.warn("could not register slash-commands: {}", failure.toString()));
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        Message message = event.getMessage();
        User self = event.getJDA().getSelfUser();
        if (message.getAuthor().getIdLong() == self.getIdLong()) {
            return; // our own posts come back as events; the sink already knows them
        }
        work.execute(() -> answer(event, message, self));
    }

    /** A 👍 or 👎 on an answer: a feedback vote (needs the GUILD_MESSAGE_REACTIONS and DIRECT_MESSAGE_REACTIONS intents). */
    @Override
    public void onMessageReactionAdd(MessageReactionAddEvent event) {
        reactions.handle(event);
    }

    @Override
    public void onMessageReactionRemove(MessageReactionRemoveEvent event) {
        reactions.handle(event);
    }

    @Override
    public void onMessageDelete(MessageDeleteEvent event) {
        Location where = location(event.getChannel(), event.isFromGuild() ? event.getGuild().getId() : null);
        work.execute(() -> pipeline.messageDeleted(where, event.getMessageId()));
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        // Discord wants an answer within 3 s: defer now (ephemeral), answer when the core has
        event.deferReply(true).queue(ok -> {}, failure -> LOG.warn("could not defer: {}", failure.toString()));
        String line = commands.commandLine(event.getFullCommandName(), event::getOption);
        MessageChannel channel = event.getMessageChannel();
        InboundMessage command = new InboundMessage(event.getId(), location(channel, event.getGuild() == null
                        ? null : event.getGuild().getId()),
                author(event.getUser(), event.getMember(), false), line, null, true, event.getGuild() == null,
                event.getTimeCreated().toInstant(), null);
        work.execute(() -> {
            try {
                pipeline.handle(command, new InteractionReplySink(event.getHook(), splitter)).join();
            } catch (RuntimeException e) {
                LOG.warn("command {} failed: {}", event.getFullCommandName(), e.toString());
                event.getHook().editOriginal("Sorry, that command failed.").queue(ok -> {}, failure -> {});
            } finally {
                handled.increment();
            }
        });
    }

    /** An edited message: its pending answer is withdrawn and the new text answered in the same reply. */
    @Override
    public void onMessageUpdate(MessageUpdateEvent event) {
        Message message = event.getMessage();
        User self = event.getJDA().getSelfUser();
        if (message.getAuthor().getIdLong() == self.getIdLong()) {
            return;
        }
        work.execute(() -> {
            InboundMessage inbound = translate(event, message, self);
            ChannelReplySink sink = sinks.replyTo(message.getId());
            if (sink == null) {
                sink = newSink(event.getChannel(), inbound);
            }
            run(inbound, event.getChannel(), sink, edited -> pipeline.messageEdited(inbound, edited));
        });
    }

    private void answer(MessageReceivedEvent event, Message message, User self) {
        InboundMessage inbound = translate(event, message, self);
        ChannelReplySink sink = newSink(event.getChannel(), inbound);
        if (inbound.text().isBlank() && !message.getAttachments().isEmpty() && inbound.addressedToBot()
                && !inbound.author().bot()) {
            sink.notice(new Notice(Notice.Kind.COMMAND_REPLY, ATTACHMENTS_NOTICE));
            handled.increment();
            return;
        }
        run(inbound, event.getChannel(), sink, created -> pipeline.handle(inbound, created));
    }

    /** The message as the core sees it; a reply chain is a conversation, a thread or a DM one whole. */
    private InboundMessage translate(GenericMessageEvent event, Message message, User self) {
        MessageChannel channel = event.getChannel();
        boolean direct = event.getChannelType() == ChannelType.PRIVATE;
        @Nullable String referenced = message.getMessageReference() == null ? null
                : message.getMessageReference().getMessageId();
        Message referencedMessage = message.getReferencedMessage();
        boolean replyToBot = chains.isFromBot(referenced)
                || (referencedMessage != null && referencedMessage.getAuthor().getIdLong() == self.getIdLong());
        boolean mentioned = message.getMentions().isMentioned(self, Message.MentionType.USER);
        String text = withoutMention(message.getContentRaw(), self.getId());
        boolean threaded = channel instanceof ThreadChannel;
        String root = direct || threaded ? null : chains.join(message.getId(), referenced);
        return new InboundMessage(message.getId(),
                location(channel, event.isFromGuild() ? event.getGuild().getId() : null),
                author(message.getAuthor(), message.getMember(), message.isWebhookMessage()), text, referenced,
                mentioned || replyToBot, direct, message.getTimeCreated().toInstant(), root);
    }

    private ChannelReplySink newSink(MessageChannel channel, InboundMessage inbound) {
        ChannelReplySink sink = new ChannelReplySink(channel, inbound.messageId(),
                inbound.conversationRoot(), driver, splitter, chains);
        sinks.keep(inbound.messageId(), sink);
        return sink;
    }

    /** Hands the message to the pipeline, with "typing" shown while it waits for the model. */
    private void run(InboundMessage inbound, MessageChannel channel, ChannelReplySink sink,
            Function<ReplySink, CompletableFuture<Outcome>> pipelineCall) {
        AtomicBoolean shown = new AtomicBoolean();
        AtomicReference<Runnable> stopTyping = new AtomicReference<>(() -> {});
        sink.onFirstOutput(() -> {
            if (shown.compareAndSet(false, true)) {
                stopTyping.get().run();
            }
        });
        try {
            CompletableFuture<Outcome> outcome = pipelineCall.apply(sink);
            if (!outcome.isDone() && !shown.get()) {
                // accepted and waiting for the model: show that the bot is on it
                stopTyping.set(typing.start(channel));
                if (shown.get()) {
                    stopTyping.get().run();
                }
            }
            LOG.debug("message={} outcome={}", inbound.messageId(),
                    outcome.join().getClass().getSimpleName());
        } catch (RuntimeException e) {
            LOG.warn("message={} failed: {}", inbound.messageId(), e.toString());
        } finally {
            shown.set(true);
            stopTyping.get().run();
            handled.increment();
        }
    }

    /** Messages and commands whose handling finished (answered, refused or ignored), since start. */
    long handled() {
        return handled.sum();
    }

    /** Where a message is: a thread under its parent channel, a DM as its own scope. Reactions locate the same way. */
    static Location location(MessageChannel channel, @Nullable String guildId) {
        if (guildId == null) {
            return new Location(Platform.DISCORD, channel.getId(), channel.getId(), null);
        }
        if (channel instanceof ThreadChannel thread) {
            return new Location(Platform.DISCORD, guildId, thread.getParentChannel().getId(), thread.getId());
        }
        return new Location(Platform.DISCORD, guildId, channel.getId(), null);
    }

    /**
     * The author as the core sees them. An admin has Manage Server (or Administrator, or owns the
     * server) or the configured admin role. In a DM nobody is an admin: otherwise anyone could
     * switch moderation off for their own private chat with the bot (Telegram's adapter does the same).
     */
    private Author author(User user, @Nullable Member member, boolean webhook) {
        Set<String> roles = member == null ? Set.of()
                : member.getRoles().stream().map(role -> role.getId()).collect(Collectors.toUnmodifiableSet());
        boolean admin = member != null && (member.hasPermission(Permission.MANAGE_SERVER)
                || (adminRoleId != null && roles.contains(adminRoleId)));
        String name = member != null ? member.getEffectiveName() : user.getEffectiveName();
        return new Author(user.getId(), name, roles, admin, user.isBot() || user.isSystem() || webhook);
    }

    /** The text without the mention that addressed the bot, so the model reads only the question. */
    static String withoutMention(String content, String botId) {
        return content.replace("<@" + botId + ">", " ").replace("<@!" + botId + ">", " ").strip();
    }
}
