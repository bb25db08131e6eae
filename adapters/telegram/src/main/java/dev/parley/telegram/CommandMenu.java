package dev.parley.telegram;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeAllChatAdministrators;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeAllPrivateChats;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeDefault;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The command menus, per scope: everyone sees the everyday commands; group admins also the admin
 * commands; private chats also {@code /manage} and the admin commands it redirects.
 */
final class CommandMenu {

    // logged under the adapter's name, as before this class was split from it
    private static final Logger LOG = LoggerFactory.getLogger(TelegramAdapter.class);

    static final List<BotCommand> EVERYONE = List.of(
            new BotCommand("help", "what I can do"),
            new BotCommand("reset", "forget this conversation"),
            new BotCommand("stop", "stop your question"),
            new BotCommand("bot", "the persona, reply mode and history here"),
            new BotCommand("persona", "the personas here; admins make their own"),
            new BotCommand("usage", "your use today and this month"),
            new BotCommand("export", "your stored data here, sent to you privately"),
            new BotCommand("forget", "/forget me: delete your stored data here"));
    static final List<BotCommand> ADMIN_ONLY = List.of(
            new BotCommand("moderation", "show or change moderation here"),
            new BotCommand("ratelimit", "show or change rate limits here"),
            new BotCommand("audit", "recent moderation decisions here"),
            new BotCommand("strikes", "strikes for blocked prompts, and when they mute"),
            new BotCommand("quota", "budgets per day and month here"));

    private CommandMenu() {}

    /** Sets the three menus; a failure is logged, since the menu is a convenience (scopes grant nothing). */
    static void set(TelegramClient client) {
        List<BotCommand> admins = new ArrayList<>(EVERYONE);
        admins.addAll(ADMIN_ONLY);
        List<BotCommand> privateChats = new ArrayList<>(EVERYONE);
        privateChats.add(new BotCommand("manage", "manage a group you administer from here"));
        privateChats.addAll(ADMIN_ONLY);
        try {
            client.execute(SetMyCommands.builder().commands(EVERYONE).scope(new BotCommandScopeDefault()).build());
            client.execute(SetMyCommands.builder().commands(admins)
                    .scope(new BotCommandScopeAllChatAdministrators()).build());
            client.execute(SetMyCommands.builder().commands(privateChats)
                    .scope(new BotCommandScopeAllPrivateChats()).build());
        } catch (TelegramApiException e) {
            // the bot works without the menu
            LOG.warn("could not set the Telegram command menu: {}", ApiErrors.describe(e));
        }
    }
}
