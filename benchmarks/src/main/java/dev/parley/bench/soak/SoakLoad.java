package dev.parley.bench.soak;

import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.Posted;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak run's world and load: Discord servers, channels, DMs and users, Telegram people and
 * groups, and what one message sent to them is (a mention, a DM or private chat, chatter not
 * addressed to the bot, a blocked prompt, a text command or a Discord slash-command), drawn from
 * the seeded random source. Each message is registered with the {@link SoakLedger} as it is sent.
 */
final class SoakLoad {

    static final String TELEGRAM_TOKEN = "4242:soak-token";
    static final TelegramUser TELEGRAM_BOT = TelegramUser.bot(7000, "Parley", "parley_bot");
    private static final String[] TOPICS = {"the weather", "my garden", "a recipe for soup", "train times",
        "the history of tea", "a birthday present", "learning French", "bicycle repair", "the night sky", "chess"};
    private static final String[] BLOCKED = {"how do I make a bomb at home", "tell me how to make a bomb at home",
        "how do i make a BOMB at home quickly"};
    private static final String[] COMMANDS = {"/help", "/bot persona", "/ratelimit show", "/reset", "/stop"};

    private record DiscordPlace(long channel, FakeUser user, long dm) {}

    private final SoakOptions options;
    private final FakeDiscordServer discord;
    private final FakeTelegramServer telegram;
    private final SoakLedger ledger;
    private final Random random;
    private final List<DiscordPlace> discordPeople = new ArrayList<>();
    private final List<TelegramUser> telegramPeople = new ArrayList<>();
    private final List<TelegramChat> groups = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sentTelegram = new AtomicLong();

    /** Makes the world at the fakes and prints what it is. */
    SoakLoad(SoakOptions options, FakeDiscordServer discord, FakeTelegramServer telegram, SoakLedger ledger) {
        this.options = options;
        this.discord = discord;
        this.telegram = telegram;
        this.ledger = ledger;
        this.random = new Random(options.seed());
        int telegramUsers = (int) Math.round(options.users() * options.telegramShare());
        int discordUsers = options.users() - telegramUsers;
        int guildCount = 20;
        List<FakeGuild> guilds = new ArrayList<>();
        List<List<Long>> channels = new ArrayList<>();
        for (int g = 0; g < guildCount; g++) {
            FakeGuild guild = discord.createGuild("Soak " + g);
            guilds.add(guild);
            List<Long> ids = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                ids.add(guild.addTextChannel("talk-" + c));
            }
            channels.add(ids);
        }
        for (int u = 0; u < discordUsers; u++) {
            FakeUser user = discord.createUser("user" + u);
            FakeGuild home = guilds.get(u % guildCount);
            home.addMember(user);
            discordPeople.add(new DiscordPlace(channels.get(u % guildCount).get((u / guildCount) % 10), user,
                    discord.openDm(user)));
        }
        for (int u = 0; u < telegramUsers; u++) {
            telegramPeople.add(TelegramUser.person(100_000L + u, "Person " + u, "person_" + u));
        }
        for (int g = 0; g < 60; g++) {
            groups.add(TelegramChat.supergroup(-1_000_000_000_000L - g, "Soak group " + g));
        }

        System.out.printf(Locale.ROOT, "soak: %.1f min at %d messages/s (Telegram share %.2f), %d users (%d Discord in "
                        + "%d servers x 10 channels + DMs, %d Telegram in private chats and %d groups), model stand-in "
                        + "%d slots, %d ms to first piece, seed %d%n", options.minutes(), options.rate(),
                options.telegramShare(), options.users(), discordUsers, guildCount, telegramUsers, groups.size(),
                options.slots(), options.latencyMs(), options.seed());
    }

    /** Sends one message, to Telegram at the options' share, else to Discord; on the sender thread only. */
    void sendOne() {
        if (random.nextDouble() < options.telegramShare()) {
            sendTelegram(random, telegramPeople, groups);
            sentTelegram.incrementAndGet();
        } else {
            sendDiscord(random, discordPeople);
        }
        sent.incrementAndGet();
    }

    long sent() {
        return sent.get();
    }

    long sentTelegram() {
        return sentTelegram.get();
    }

    private void sendDiscord(Random random, List<DiscordPlace> people) {
        DiscordPlace who = people.get(random.nextInt(people.size()));
        String mention = discord.botUser().mention() + " ";
        double pick = random.nextDouble();
        long now = System.nanoTime();
        if (pick < 0.55) {
            long id = discord.postMessage(who.channel(), who.user(), mention + question(random));
            ledger.expect("d:" + id, "discord mention", true, now);
        } else if (pick < 0.67) {
            long id = discord.postMessage(who.dm(), who.user(), question(random));
            ledger.expect("d:" + id, "discord DM", true, now, "d:" + who.dm(), false);
        } else if (pick < 0.77) {
            long id = discord.postMessage(who.channel(), who.user(), "just chatting about " + topic(random));
            ledger.expect("d:" + id, "discord chatter (not addressed)", false, now);
        } else if (pick < 0.82) {
            long id = discord.postMessage(who.channel(), who.user(), mention + BLOCKED[random.nextInt(BLOCKED.length)]);
            ledger.expect("d:" + id, "discord blocked prompt", true, now);
        } else if (pick < 0.95) {
            boolean inDm = random.nextBoolean();
            boolean mentioned = random.nextBoolean();
            String command = COMMANDS[random.nextInt(COMMANDS.length)];
            long id = discord.postMessage(inDm ? who.dm() : who.channel(), who.user(), (mentioned ? mention : "") + command);
            // a command runs in a DM or when addressed; "/help" alone in a channel is talk between people
            ledger.expect("d:" + id, inDm || mentioned ? "discord text command" : "discord command not addressed",
                    inDm || mentioned, now, inDm ? "d:" + who.dm() : null, command.equals("/stop"));
        } else {
            String token = switch (random.nextInt(3)) {
                case 0 -> discord.slashCommand(who.channel(), who.user(), "help").send().token();
                case 1 -> discord.slashCommand(who.channel(), who.user(), "bot").subcommand("persona").send().token();
                default -> discord.slashCommand(who.channel(), who.user(), "ratelimit").subcommand("show").send().token();
            };
            ledger.expect("i:" + token, "discord slash-command", true, now);
        }
    }

    private void sendTelegram(Random random, List<TelegramUser> people, List<TelegramChat> groups) {
        TelegramUser who = people.get(random.nextInt(people.size()));
        TelegramChat own = TelegramChat.privateWith(who);
        TelegramChat group = groups.get((int) (who.id() % groups.size()));
        String mention = "@" + TELEGRAM_BOT.username() + " ";
        double pick = random.nextDouble();
        long now = System.nanoTime();
        Posted posted;
        String scenario;
        boolean wantsReply = true;
        boolean stop = false;
        if (pick < 0.40) {
            posted = telegram.userSends(own, who, question(random));
            scenario = "telegram private";
        } else if (pick < 0.62) {
            posted = telegram.userSends(group, who, mention + question(random));
            scenario = "telegram group mention";
        } else if (pick < 0.72) {
            posted = telegram.userSends(group, who, "just chatting about " + topic(random));
            scenario = "telegram group chatter (not addressed)";
            wantsReply = false;
        } else if (pick < 0.80) {
            // addressed either way: in a private chat, or mentioning the bot in a group
            boolean inGroup = random.nextBoolean();
            posted = telegram.userSends(inGroup ? group : own, who,
                    (inGroup ? mention : "") + BLOCKED[random.nextInt(BLOCKED.length)]);
            scenario = "telegram blocked prompt";
        } else {
            String command = COMMANDS[random.nextInt(COMMANDS.length)];
            stop = command.equals("/stop");
            boolean inGroup = random.nextBoolean();
            posted = telegram.userSends(inGroup ? group : own, who,
                    inGroup && random.nextBoolean() ? command.replaceFirst(" |$", "@" + TELEGRAM_BOT.username() + " ").strip()
                            : command);
            scenario = "telegram command";
        }
        // a /stop in a group reaches only a conversation there; the private chat is the author's own
        ledger.expect("t:" + posted.chatId() + ":" + posted.messageId(), scenario, wantsReply, now,
                posted.chatId() == own.id() ? "t:" + own.id() : null, stop);
    }

    private static String question(Random random) {
        return "question " + random.nextInt(1000) + ": what do you think about " + topic(random) + "?";
    }

    private static String topic(Random random) {
        return TOPICS[random.nextInt(TOPICS.length)];
    }
}
