package dev.parley.bench.soak;

import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.telegram.FakeTelegramServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

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
 *
 * <p>This class runs the bot process and the clock; {@link SoakOptions} reads the command line,
 * {@link SoakLoad} decides what is sent, {@link SoakLedger} whether each message got its one reply,
 * and {@link SoakFigures} the samples, the trend and the verdict.
 */
public final class SoakHarness {

    private final SoakOptions options;
    private final FakeDiscordServer discord;
    private final FakeTelegramServer telegram;
    private final SoakLedger ledger;
    private final AtomicLong botLogLines = new AtomicLong();
    /** Lines the bot logged after it was asked to stop: reported, not held against the run. */
    private final AtomicLong shutdownLogLines = new AtomicLong();
    private volatile boolean stopping;
    private final AtomicLong mostBehindNanos = new AtomicLong();

    private SoakHarness(SoakOptions options, FakeDiscordServer discord, FakeTelegramServer telegram) {
        this.options = options;
        this.discord = discord;
        this.telegram = telegram;
        this.ledger = new SoakLedger(discord, telegram);
    }

    public static void main(String[] args) throws Exception {
        SoakOptions options = SoakOptions.parse(args);
        try (FakeDiscordServer discord = FakeDiscordServer.start();
             FakeTelegramServer telegram = FakeTelegramServer.start(SoakLoad.TELEGRAM_TOKEN, SoakLoad.TELEGRAM_BOT)) {
            boolean passed = new SoakHarness(options, discord, telegram).run();
            System.exit(passed ? 0 : 1);
        }
    }

    private boolean run() throws Exception {
        SoakLoad load = new SoakLoad(options, discord, telegram, ledger);

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
        SoakFigures figures = new SoakFigures(options, ledger, load, botLogLines, mostBehindNanos, start);
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
                load.sendOne();
            }
        });

        List<SoakFigures.Sample> samples = new ArrayList<>();
        long nextStats = start + TimeUnit.SECONDS.toNanos(options.statsEvery());
        while (sender.isAlive()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            ledger.check();
            if (System.nanoTime() >= nextStats) {
                nextStats += TimeUnit.SECONDS.toNanos(options.statsEvery());
                SoakFigures.Sample sample = figures.sample(toBot, statsLines, start);
                samples.add(sample);
                figures.report(sample, start);
            }
        }
        long sendingNanos = System.nanoTime() - start;
        // let the last answers arrive
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.answerWithin());
        while (System.nanoTime() < drainUntil && ledger.unanswered(0) > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            ledger.check();
        }
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(2)); // late duplicates would show now
        ledger.check();
        SoakFigures.Sample last = figures.sample(toBot, statsLines, start);
        samples.add(last);
        figures.report(last, start);
        boolean passed = figures.summary(samples, sendingNanos);
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
                "--telegram-token", SoakLoad.TELEGRAM_TOKEN, "--telegram-api", telegram.baseUri().toString(),
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
}
