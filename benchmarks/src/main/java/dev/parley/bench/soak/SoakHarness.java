package dev.parley.bench.soak;

import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.FakeGuild;
import dev.parley.testkit.discord.FakeUser;
import dev.parley.testkit.discord.RecordedRequest;
import dev.parley.testkit.discord.SentMessage;
import dev.parley.testkit.telegram.FakeTelegramServer;
import dev.parley.testkit.telegram.Posted;
import dev.parley.testkit.telegram.TelegramChat;
import dev.parley.testkit.telegram.TelegramUser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A soak run of the whole bot against the fake Discord and Telegram servers: starts both fakes,
 * starts the bot ({@link SoakBot}: the pipeline, a model stand-in of fixed latency, the real
 * DiscordAdapter and TelegramAdapter) in a process of its own, then sends messages at a steady
 * total rate mixed across both platforms and many users and channels: mentions, DMs and private
 * chats, chatter not addressed to the bot, blocked prompts, text commands and Discord
 * slash-commands. It checks all along, from what the fakes recorded:
 * <ul>
 *   <li>every addressed message gets exactly one reply (Discord {@code message_reference},
 *       Telegram {@code reply_parameters}, a slash-command one edit of its deferred answer), and
 *       a message not addressed to the bot gets none; a "you are N-th in line" notice is counted
 *       apart, as the pipeline sends it by design;</li>
 *   <li>no request of the bot answered with an error or an unknown route by the fakes;</li>
 *   <li>nothing on the bot's stderr (it logs WARNING and up there: exceptions included).</li>
 * </ul>
 * Every minute it prints messages sent, replies, lost so far (no reply after
 * {@code --answer-within} seconds), duplicates, and the bot process's heap used after a full GC
 * and live threads; at the end the trend of heap and threads and PASS or FAIL. The heap is judged
 * over the last third of the run, when bounded caches that fill early are full: its least-squares
 * slope must stay within 4 MB or 5% of its mean, whichever is more, per 10 minutes (a rate, so that
 * a short run whose caches are still filling is not called flat).
 *
 * <pre>
 * java -Xmx3g -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.soak.SoakHarness
 *     [--minutes 30] [--rate 50] [--users 2000] [--seed 42] [--telegram-share 0.3]
 *     [--slots 8] [--latency-ms 50] [--bot-heap 512m] [--answer-within 60] [--stats-every 60]
 *     [--conversations 10000] [--reply-chains N] [--edited-replies N] [--edited-replies-for PT10M]
 * </pre>
 * The cache bounds default to the application's; smaller ones fill early in the run, so that a
 * run shows the heap level off once they are full (or not, which is a leak).
 * Telegram lets a bot send about 30 messages a second overall (typing actions included, edits
 * counted), and the adapter keeps to that: a Telegram share much above 0.3 of 50 messages/s makes
 * its outbound queue grow without end, which is Telegram's limit, not a fault.
 */
public final class SoakHarness {

    private static final String TELEGRAM_TOKEN = "4242:soak-token";
    private static final TelegramUser TELEGRAM_BOT = TelegramUser.bot(7000, "Parley", "parley_bot");
    private static final String[] TOPICS = {"the weather", "my garden", "a recipe for soup", "train times",
        "the history of tea", "a birthday present", "learning French", "bicycle repair", "the night sky", "chess"};
    private static final String[] BLOCKED = {"how do I make a bomb at home", "tell me how to make a bomb at home",
        "how do i make a BOMB at home quickly"};
    private static final String[] COMMANDS = {"/help", "/bot persona", "/ratelimit show", "/reset", "/stop"};

    /** The bot's cache bounds the harness can set; those not given are the application's defaults. */
    private static final List<String> CACHE_OPTIONS = List.of("conversations", "reply-chains", "edited-replies",
            "edited-replies-for");

    private record Options(double minutes, int rate, int users, long seed, double telegramShare, int slots,
            int latencyMs, String botHeap, int answerWithin, int statsEvery, Map<String, String> caches) {

        static Options parse(String[] args) {
            Map<String, String> given = new TreeMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].startsWith("--") && i + 1 < args.length) {
                    given.put(args[i].substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            Options options = new Options(Double.parseDouble(given.getOrDefault("minutes", "30")),
                    Integer.parseInt(given.getOrDefault("rate", "50")), Integer.parseInt(given.getOrDefault("users", "2000")),
                    Long.parseLong(given.getOrDefault("seed", "42")),
                    Double.parseDouble(given.getOrDefault("telegram-share", "0.3")),
                    Integer.parseInt(given.getOrDefault("slots", "8")), Integer.parseInt(given.getOrDefault("latency-ms", "50")),
                    given.getOrDefault("bot-heap", "512m"), Integer.parseInt(given.getOrDefault("answer-within", "60")),
                    Integer.parseInt(given.getOrDefault("stats-every", "60")), new TreeMap<>());
            for (String cache : CACHE_OPTIONS) {
                String value = given.remove(cache);
                if (value != null) {
                    options.caches().put(cache, value);
                }
            }
            given.keySet().removeAll(List.of("minutes", "rate", "users", "seed", "telegram-share", "slots", "latency-ms",
                    "bot-heap", "answer-within", "stats-every"));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown options " + given.keySet());
            }
            return options;
        }
    }

    /** What one sent message should get, and what it got so far. */
    private static final class Expectation {
        final String key;
        final String scenario;
        final boolean wantsReply;
        final long sentNanos;
        /** The author's conversation where a /stop reaches their waiting questions (a private chat or DM), or null. */
        final @Nullable String conversation;
        final boolean stop;
        final AtomicInteger answers = new AtomicInteger();
        final AtomicInteger positionNotices = new AtomicInteger();
        /** Taken out of the queue by its author's /stop: answered by the /stop's reply, by design. */
        volatile boolean withdrawn;

        Expectation(String key, String scenario, boolean wantsReply, long sentNanos, @Nullable String conversation,
                boolean stop) {
            this.key = key;
            this.scenario = scenario;
            this.wantsReply = wantsReply;
            this.sentNanos = sentNanos;
            this.conversation = conversation;
            this.stop = stop;
        }

        boolean lost() {
            return wantsReply && !withdrawn && answers.get() == 0;
        }
    }

    /** A reply seen at a fake for a message whose expectation was not registered yet. */
    private record Orphan(String key, String text, long seenNanos) {}

    /** One sample of the bot process. */
    private record Sample(double minute, long heap, int threads, String line) {}

    private final Options options;
    private final FakeDiscordServer discord;
    private final FakeTelegramServer telegram;
    private final Map<String, Expectation> expected = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> sentByScenario = new ConcurrentHashMap<>();
    private final List<Orphan> orphans = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sentTelegram = new AtomicLong();
    private final AtomicLong botLogLines = new AtomicLong();
    /** Lines the bot logged after it was asked to stop: reported, not held against the run. */
    private final AtomicLong shutdownLogLines = new AtomicLong();
    private volatile boolean stopping;
    private final AtomicLong mostBehindNanos = new AtomicLong();
    private int discordSeen;
    private int discordRequestsSeen;
    private int telegramRequestsSeen;
    private long replies;
    private long duplicates;
    private long errorAnswers;
    private long unaddressedAnswered;
    private long positionNotices;
    private long withdrawnByStop;
    private boolean unknownRoutesSeen;
    private long runStart;

    private SoakHarness(Options options, FakeDiscordServer discord, FakeTelegramServer telegram) {
        this.options = options;
        this.discord = discord;
        this.telegram = telegram;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        try (FakeDiscordServer discord = FakeDiscordServer.start();
             FakeTelegramServer telegram = FakeTelegramServer.start(TELEGRAM_TOKEN, TELEGRAM_BOT)) {
            boolean passed = new SoakHarness(options, discord, telegram).run();
            System.exit(passed ? 0 : 1);
        }
    }

    // ------------------------------------------------------------------ the world

    private record DiscordPlace(long channel, FakeUser user, long dm) {}

    private boolean run() throws Exception {
        Random random = new Random(options.seed());
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
        List<DiscordPlace> discordPeople = new ArrayList<>();
        for (int u = 0; u < discordUsers; u++) {
            FakeUser user = discord.createUser("user" + u);
            FakeGuild home = guilds.get(u % guildCount);
            home.addMember(user);
            discordPeople.add(new DiscordPlace(channels.get(u % guildCount).get((u / guildCount) % 10), user,
                    discord.openDm(user)));
        }
        List<TelegramUser> telegramPeople = new ArrayList<>();
        for (int u = 0; u < telegramUsers; u++) {
            telegramPeople.add(TelegramUser.person(100_000L + u, "Person " + u, "person_" + u));
        }
        List<TelegramChat> groups = new ArrayList<>();
        for (int g = 0; g < 60; g++) {
            groups.add(TelegramChat.supergroup(-1_000_000_000_000L - g, "Soak group " + g));
        }

        System.out.printf(Locale.ROOT, "soak: %.1f min at %d messages/s (Telegram share %.2f), %d users (%d Discord in "
                        + "%d servers x 10 channels + DMs, %d Telegram in private chats and %d groups), model stand-in "
                        + "%d slots, %d ms to first piece, seed %d%n", options.minutes(), options.rate(),
                options.telegramShare(), options.users(), discordUsers, guildCount, telegramUsers, groups.size(),
                options.slots(), options.latencyMs(), options.seed());

        Process bot = startBot();
        BlockingQueue<String> statsLines = new LinkedBlockingQueue<>();
        CountDownLatch ready = new CountDownLatch(1);
        pump(bot.getInputStream(), line -> {
            if (line.equals("READY")) {
                ready.countDown();
            } else if (line.startsWith("STATS ")) {
                statsLines.add(line);
            }
        });
        pump(bot.getErrorStream(), line -> {
            AtomicLong counter = stopping ? shutdownLogLines : botLogLines;
            if (counter.incrementAndGet() <= 40) {
                System.out.println((stopping ? "  bot stderr while stopping: " : "  bot stderr: ") + line);
            }
        });
        if (!ready.await(3, TimeUnit.MINUTES)) {
            bot.destroyForcibly();
            throw new IllegalStateException("the bot did not connect within 3 minutes");
        }
        telegram.awaitPolling(java.time.Duration.ofSeconds(60));
        PrintStream toBot = new PrintStream(bot.getOutputStream(), true, StandardCharsets.UTF_8);

        long start = System.nanoTime();
        runStart = start;
        long runNanos = (long) (options.minutes() * 60e9);
        Thread sender = Thread.ofPlatform().name("soak-sender").start(() -> {
            long period = 1_000_000_000L / options.rate();
            for (long i = 0; ; i++) {
                long due = start + i * period;
                if (due - start >= runNanos) {
                    return;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    mostBehindNanos.accumulateAndGet(-wait, Math::max);
                }
                if (random.nextDouble() < options.telegramShare()) {
                    sendTelegram(random, telegramPeople, groups);
                    sentTelegram.incrementAndGet();
                } else {
                    sendDiscord(random, discordPeople);
                }
                sent.incrementAndGet();
            }
        });

        List<Sample> samples = new ArrayList<>();
        long nextStats = start + TimeUnit.SECONDS.toNanos(options.statsEvery());
        while (sender.isAlive()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            check();
            if (System.nanoTime() >= nextStats) {
                nextStats += TimeUnit.SECONDS.toNanos(options.statsEvery());
                Sample sample = sample(toBot, statsLines, start);
                samples.add(sample);
                report(sample, start);
            }
        }
        long sendingNanos = System.nanoTime() - start;
        // let the last answers arrive
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.answerWithin());
        while (System.nanoTime() < drainUntil && unanswered(0) > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            check();
        }
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2)); // late duplicates would show now
        check();
        Sample last = sample(toBot, statsLines, start);
        samples.add(last);
        report(last, start);
        boolean passed = summary(samples, sendingNanos);
        stopping = true;
        toBot.println("stop");
        boolean stopped = bot.waitFor(30, TimeUnit.SECONDS);
        bot.destroy();
        System.out.printf(Locale.ROOT, "bot %s; lines it logged while stopping: %d%n",
                stopped ? "stopped with status " + bot.exitValue() : "did not stop within 30 s", shutdownLogLines.get());
        return passed;
    }

    private Process startBot() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + options.botHeap(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                SoakBot.class.getName(),
                "--discord-token", discord.token(), "--discord-rest", discord.restBaseUrl(),
                "--discord-gateway", discord.gatewayUrl(),
                "--telegram-token", TELEGRAM_TOKEN, "--telegram-api", telegram.baseUri().toString(),
                "--slots", String.valueOf(options.slots()), "--latency-ms", String.valueOf(options.latencyMs())));
        options.caches().forEach((name, value) -> command.addAll(List.of("--" + name, value)));
        Process bot = new ProcessBuilder(command).start();
        System.out.println("bot process " + bot.pid() + " (for jcmd), caches "
                + (options.caches().isEmpty() ? "at the application's defaults" : options.caches()));
        return bot;
    }

    private static void pump(InputStream stream, Consumer<String> lines) {
        Thread.ofPlatform().daemon().name("soak-pump").start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the bot process ended
            }
        });
    }

    // ------------------------------------------------------------------ the load

    private void sendDiscord(Random random, List<DiscordPlace> people) {
        DiscordPlace who = people.get(random.nextInt(people.size()));
        String mention = discord.botUser().mention() + " ";
        double pick = random.nextDouble();
        long now = System.nanoTime();
        if (pick < 0.55) {
            long id = discord.postMessage(who.channel(), who.user(), mention + question(random));
            expect("d:" + id, "discord mention", true, now);
        } else if (pick < 0.67) {
            long id = discord.postMessage(who.dm(), who.user(), question(random));
            expect("d:" + id, "discord DM", true, now, "d:" + who.dm(), false);
        } else if (pick < 0.77) {
            long id = discord.postMessage(who.channel(), who.user(), "just chatting about " + topic(random));
            expect("d:" + id, "discord chatter (not addressed)", false, now);
        } else if (pick < 0.82) {
            long id = discord.postMessage(who.channel(), who.user(), mention + BLOCKED[random.nextInt(BLOCKED.length)]);
            expect("d:" + id, "discord blocked prompt", true, now);
        } else if (pick < 0.95) {
            boolean inDm = random.nextBoolean();
            boolean mentioned = random.nextBoolean();
            String command = COMMANDS[random.nextInt(COMMANDS.length)];
            long id = discord.postMessage(inDm ? who.dm() : who.channel(), who.user(), (mentioned ? mention : "") + command);
            // a command runs in a DM or when addressed; "/help" alone in a channel is talk between people
            expect("d:" + id, inDm || mentioned ? "discord text command" : "discord command not addressed",
                    inDm || mentioned, now, inDm ? "d:" + who.dm() : null, command.equals("/stop"));
        } else {
            String token = switch (random.nextInt(3)) {
                case 0 -> discord.slashCommand(who.channel(), who.user(), "help").send().token();
                case 1 -> discord.slashCommand(who.channel(), who.user(), "bot").subcommand("persona").send().token();
                default -> discord.slashCommand(who.channel(), who.user(), "ratelimit").subcommand("show").send().token();
            };
            expect("i:" + token, "discord slash-command", true, now);
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
        expect("t:" + posted.chatId() + ":" + posted.messageId(), scenario, wantsReply, now,
                posted.chatId() == own.id() ? "t:" + own.id() : null, stop);
    }

    private static String question(Random random) {
        return "question " + random.nextInt(1000) + ": what do you think about " + topic(random) + "?";
    }

    private static String topic(Random random) {
        return TOPICS[random.nextInt(TOPICS.length)];
    }

    private void expect(String key, String scenario, boolean wantsReply, long sentNanos) {
        expect(key, scenario, wantsReply, sentNanos, null, false);
    }

    private void expect(String key, String scenario, boolean wantsReply, long sentNanos, @Nullable String conversation,
            boolean stop) {
        expected.put(key, new Expectation(key, scenario, wantsReply, sentNanos, conversation, stop));
        sentByScenario.computeIfAbsent(scenario, s -> new AtomicInteger()).incrementAndGet();
    }

    // ------------------------------------------------------------------ the checks

    /** Reads what the fakes recorded since the last check; on the harness's main thread only. */
    private void check() {
        List<SentMessage> created = discord.sentMessages();
        for (; discordSeen < created.size(); discordSeen++) {
            SentMessage message = created.get(discordSeen);
            if (message.kind() == SentMessage.Kind.CREATE && message.replyTo() != null) {
                answer("d:" + message.replyTo(), message.content(), System.nanoTime());
            }
        }
        List<RecordedRequest> discordRequests = discord.requests();
        for (; discordRequestsSeen < discordRequests.size(); discordRequestsSeen++) {
            RecordedRequest request = discordRequests.get(discordRequestsSeen);
            if (request.status() >= 400) {
                problem("Discord answered " + request);
            }
            if (request.matches("PATCH", "webhooks/*/*/messages/@original") && request.status() < 300) {
                answer("i:" + request.segment(2), String.valueOf(request.json().get("content")), System.nanoTime());
            }
        }
        if (!unknownRoutesSeen && !discord.unknownRequests().isEmpty()) {
            unknownRoutesSeen = true;
            problem("unknown Discord routes: " + discord.unknownRequests());
        }
        List<dev.parley.testkit.telegram.RecordedRequest> telegramRequests = telegram.requests();
        for (; telegramRequestsSeen < telegramRequests.size(); telegramRequestsSeen++) {
            var request = telegramRequests.get(telegramRequestsSeen);
            if (!request.ok()) {
                problem("Telegram answered " + request.status() + " to " + request.method() + " " + request.params());
            }
            Long replyTo = request.replyTo();
            if (request.is("sendMessage") && request.ok() && replyTo != null) {
                answer("t:" + request.chatId() + ":" + replyTo, String.valueOf(request.text()), System.nanoTime());
            }
        }
        List<Orphan> stillOrphans = new ArrayList<>();
        List<Orphan> waiting = new ArrayList<>(orphans);
        orphans.clear();
        for (Orphan orphan : waiting) {
            if (expected.containsKey(orphan.key())) {
                answer(orphan.key(), orphan.text(), orphan.seenNanos());
            } else if (System.nanoTime() - orphan.seenNanos() > TimeUnit.SECONDS.toNanos(10)) {
                problem("a reply to a message the harness never sent: " + orphan.key());
            } else {
                stillOrphans.add(orphan);
            }
        }
        orphans.addAll(stillOrphans);
    }

    private void answer(String key, String text, long seenNanos) {
        Expectation expectation = expected.get(key);
        if (expectation == null) {
            orphans.add(new Orphan(key, text, seenNanos));
            return;
        }
        if (text.startsWith("You are ") && text.contains(" in line;")) {
            expectation.positionNotices.incrementAndGet();
            positionNotices++;
            return;
        }
        int answers = expectation.answers.incrementAndGet();
        replies++;
        if (expectation.stop && expectation.conversation != null && text.contains("taken out of the queue")) {
            // the author's questions still waiting here were withdrawn: the /stop's answer says so
            for (Expectation earlier : expected.values()) {
                if (expectation.conversation.equals(earlier.conversation) && !earlier.stop
                        && earlier.sentNanos - expectation.sentNanos < 0 && earlier.answers.get() == 0) {
                    earlier.withdrawn = true;
                    withdrawnByStop++;
                }
            }
        }
        if (!expectation.wantsReply) {
            unaddressedAnswered++;
            problem("answered a message not addressed to the bot (" + expectation.scenario + "): " + key);
        } else if (answers == 2) {
            duplicates++;
            problem("answered twice (" + expectation.scenario + "): " + key + ", second: " + abbreviate(text));
        }
    }

    private void problem(String what) {
        errorAnswers += what.startsWith("Discord answered") || what.startsWith("Telegram answered")
                || what.startsWith("unknown") ? 1 : 0;
        problems.add(what);
        if (problems.size() <= 40) {
            System.out.println("  PROBLEM: " + abbreviate(what));
        }
    }

    /** Messages that want a reply, have none, and were sent more than {@code olderThanSeconds} ago. */
    private long unanswered(int olderThanSeconds) {
        long cutoff = System.nanoTime() - TimeUnit.SECONDS.toNanos(olderThanSeconds);
        return expected.values().stream().filter(e -> e.lost() && e.sentNanos - cutoff <= 0).count();
    }

    // ------------------------------------------------------------------ figures

    private Sample sample(PrintStream toBot, BlockingQueue<String> statsLines, long start) throws InterruptedException {
        toBot.println("stats");
        String line = statsLines.poll(2, TimeUnit.MINUTES);
        if (line == null) {
            throw new IllegalStateException("the bot did not answer 'stats' within 2 minutes");
        }
        Map<String, String> values = new HashMap<>();
        for (String pair : line.substring("STATS ".length()).split(" ")) {
            String[] parts = pair.split("=", 2);
            values.put(parts[0], parts[1]);
        }
        return new Sample((System.nanoTime() - start) / 60e9, Long.parseLong(values.get("heap")),
                Integer.parseInt(values.get("threads")), line);
    }

    private void report(Sample sample, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "[%5.1f min] sent %d (%.1f/s; Telegram %d), replies %d, awaiting %d, "
                        + "lost so far %d, duplicates %d, error answers %d, bot log lines %d | bot heap after GC %.1f MB, "
                        + "threads %d | %s%n", sample.minute(), sent.get(), sent.get() / seconds, sentTelegram.get(),
                replies, unanswered(0), unanswered(options.answerWithin()), duplicates, errorAnswers, botLogLines.get(),
                sample.heap() / 1e6, sample.threads(), sample.line().substring("STATS ".length()).replaceFirst(
                        "heap=\\d+ threads=\\d+ ", ""));
    }

    private boolean summary(List<Sample> samples, long sendingNanos) {
        long lost = unanswered(0);
        Map<String, Long> lostByScenario = new TreeMap<>();
        List<Expectation> lostOnes = new ArrayList<>();
        for (Expectation e : expected.values()) {
            if (e.lost()) {
                lostByScenario.merge(e.scenario, 1L, Long::sum);
                lostOnes.add(e);
            }
        }
        System.out.println();
        System.out.println("---- summary");
        System.out.printf(Locale.ROOT, "sent %d messages in %.1f min: %.1f messages/s sustained (asked %d/s; most "
                        + "behind schedule %.0f ms); Telegram %d, Discord %d%n", sent.get(), sendingNanos / 60e9,
                sent.get() / (sendingNanos / 1e9), options.rate(), mostBehindNanos.get() / 1e6, sentTelegram.get(),
                sent.get() - sentTelegram.get());
        System.out.println("by scenario: " + new TreeMap<>(sentByScenario));
        System.out.printf(Locale.ROOT, "replies %d; lost (addressed, never answered) %d %s; answered twice %d; "
                        + "answered though not addressed %d; position-in-line notices %d; questions withdrawn by their "
                        + "author's /stop while waiting (answered by the /stop's reply) %d%n", replies, lost,
                lostByScenario.isEmpty() ? "" : lostByScenario, duplicates, unaddressedAnswered, positionNotices,
                withdrawnByStop);
        for (Expectation e : lostOnes.subList(0, Math.min(20, lostOnes.size()))) {
            System.out.printf(Locale.ROOT, "  lost: %s (%s), sent %.1f min into the run%n", e.key, e.scenario,
                    (e.sentNanos - runStart) / 60e9);
        }
        System.out.printf(Locale.ROOT, "error or unknown-route answers from the fakes %d; lines the bot logged "
                + "(WARNING and up) %d%n", errorAnswers, botLogLines.get());
        System.out.println("Discord requests by route: " + discordRoutes());
        Map<String, Long> telegramMethods = new TreeMap<>();
        for (var request : telegram.requests()) {
            telegramMethods.merge(request.method(), 1L, Long::sum);
        }
        System.out.println("Telegram calls by method: " + telegramMethods);

        int quarter = Math.max(1, samples.size() / 4);
        List<Sample> first = samples.subList(0, quarter);
        List<Sample> lastQuarter = samples.subList(samples.size() - quarter, samples.size());
        int threadsFirst = first.stream().mapToInt(Sample::threads).max().orElse(0);
        int threadsLast = lastQuarter.stream().mapToInt(Sample::threads).max().orElse(0);
        // the heap once bounded caches are full: the last third of the samples (at least three)
        List<Sample> lastThird = samples.subList(Math.max(0, samples.size() - Math.max(3, samples.size() / 3)),
                samples.size());
        HeapTrend heap = HeapTrend.of(lastThird);
        StringBuilder heapSeries = new StringBuilder();
        StringBuilder threadSeries = new StringBuilder();
        for (Sample s : samples) {
            heapSeries.append(String.format(Locale.ROOT, " %.1f", s.heap() / 1e6));
            threadSeries.append(' ').append(s.threads());
        }
        System.out.println("bot heap after GC, MB, per sample:" + heapSeries);
        System.out.println("bot live threads per sample:" + threadSeries);
        boolean heapFlat = heap.flat();
        // no new threads to speak of: the most in the last quarter against the most in the first
        boolean threadsFlat = threadsLast <= threadsFirst + 4;
        System.out.printf(Locale.ROOT, "trend: heap after GC over the last third (%d samples, minute %.1f to %.1f) "
                        + "mean %.1f MB, slope %+.2f MB/min (allowed %.2f), so %+.1f MB over that third (%s); "
                        + "most threads, first %d vs last %d samples: %d -> %d (%s)%n", lastThird.size(),
                lastThird.getFirst().minute(), lastThird.getLast().minute(), heap.meanMb(), heap.slopeMbPerMinute(),
                heap.allowedMbPerMinute(), heap.growthMb(), heapFlat ? "flat" : "GROWING", quarter, quarter, threadsFirst,
                threadsLast, threadsFlat ? "flat" : "GROWING");
        boolean passed = lost == 0 && duplicates == 0 && unaddressedAnswered == 0 && errorAnswers == 0
                && problems.isEmpty() && botLogLines.get() == 0 && heapFlat && threadsFlat;
        System.out.println(passed ? "PASS" : "FAIL" + (problems.isEmpty() ? "" : " (" + problems.size() + " problems)"));
        return passed;
    }

    /**
     * The heap after GC over some samples: its mean and least-squares slope. Flat when the slope
     * is at most 4 MB or 5% of the mean, whichever is more, per 10 minutes (a full GC's figure
     * varies by a MB or so from one sample to the next; a leak of half a MB a minute does not pass).
     */
    private record HeapTrend(double meanMb, double slopeMbPerMinute, double growthMb, double allowedMbPerMinute) {

        static HeapTrend of(List<Sample> samples) {
            double meanMinute = samples.stream().mapToDouble(Sample::minute).average().orElse(0);
            double meanMb = samples.stream().mapToLong(Sample::heap).average().orElse(0) / 1e6;
            double covariance = 0;
            double variance = 0;
            for (Sample sample : samples) {
                covariance += (sample.minute() - meanMinute) * (sample.heap() / 1e6 - meanMb);
                variance += (sample.minute() - meanMinute) * (sample.minute() - meanMinute);
            }
            double slope = variance == 0 ? 0 : covariance / variance;
            double span = samples.isEmpty() ? 0 : samples.getLast().minute() - samples.getFirst().minute();
            return new HeapTrend(meanMb, slope, slope * span, Math.max(4, meanMb * 0.05) / 10);
        }

        boolean flat() {
            return slopeMbPerMinute <= allowedMbPerMinute;
        }
    }

    /** The bot's REST requests counted by route, ids replaced by {@code *}. */
    private Map<String, Long> discordRoutes() {
        Map<String, Long> routes = new TreeMap<>();
        for (RecordedRequest request : discord.requests()) {
            String[] segments = request.path().split("/");
            StringBuilder route = new StringBuilder(request.method());
            for (String segment : segments) {
                boolean id = segment.chars().allMatch(Character::isDigit) || segment.startsWith("interaction-");
                route.append(id ? "/*" : "/" + segment);
            }
            routes.merge(route.toString(), 1L, Long::sum);
        }
        return routes;
    }

    private static String abbreviate(@Nullable String text) {
        String value = String.valueOf(text);
        return value.length() <= 300 ? value : value.substring(0, 300) + "...";
    }
}
