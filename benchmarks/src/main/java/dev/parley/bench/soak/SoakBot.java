package dev.parley.bench.soak;

import dev.parley.bench.HarnessPipeline;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.parley.bench.queue.FixedLatencyModel;
import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.AuditLog;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.pipeline.ChatPipeline;
import dev.parley.core.pipeline.PipelineSettings;
import dev.parley.core.queue.InferenceQueue;
import dev.parley.core.queue.QueueSettings;
import dev.parley.core.queue.QueueStats;
import dev.parley.core.ratelimit.RateLimit;
import dev.parley.core.ratelimit.ScopeLimits;
import dev.parley.core.settings.ScopeKey;
import dev.parley.discord.DiscordAdapter;
import dev.parley.core.reply.ReplyCaches;
import dev.parley.discord.DiscordSettings;
import dev.parley.telegram.TelegramAdapter;
import dev.parley.telegram.TelegramSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bot side of the soak run, in a process of its own so that its heap and threads are the
 * bot's alone (the fake servers keep every request they saw): the pipeline from bot-core with the
 * local moderation tier, the fair queue and the conversation memory, in front of a
 * {@link FixedLatencyModel} stand-in, and the real Discord and Telegram adapters against the
 * servers the {@link SoakHarness} started.
 *
 * <p>Speaks with the harness by lines: prints {@code READY} once both adapters are connected;
 * answers {@code stats} on stdin with one {@code STATS key=value ...} line (heap used after a full
 * GC, live threads, the adapters' counters); {@code stop} closes the adapters and ends the process
 * with {@code STOPPED}. Anything the bot logs (WARNING and up; JDA and TelegramBots at WARN and
 * up) goes to stderr, which the harness counts as a problem.
 *
 * <p>The bounded caches are the application's defaults unless given: {@code --conversations}
 * (conversation memory), {@code --reply-chains}, {@code --edited-replies} and
 * {@code --edited-replies-for} (an ISO-8601 duration; both adapters alike).
 */
public final class SoakBot {

    private SoakBot() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> given = options(args);
        int slots = Integer.parseInt(given.getOrDefault("slots", "8"));
        long latencyMicros = Long.parseLong(given.getOrDefault("latency-ms", "50")) * 1000;
        // the bounded caches: the application's defaults unless the harness asks for others
        long conversations = Long.parseLong(given.getOrDefault("conversations", "10000"));
        long replyChains = Long.parseLong(given.getOrDefault("reply-chains",
                String.valueOf(ReplyCaches.DEFAULTS.replyChains())));
        long editedReplies = Long.parseLong(given.getOrDefault("edited-replies",
                String.valueOf(ReplyCaches.DEFAULTS.editedReplies())));
        Duration editedRepliesFor = Duration.parse(given.getOrDefault("edited-replies-for",
                ReplyCaches.DEFAULTS.editedRepliesFor().toString()));

        InstantSource clock = InstantSource.system();
        FixedLatencyModel model = new FixedLatencyModel(slots, latencyMicros);
        model.open();
        ConversationMemory memory = new ConversationMemory(model,
                new MemoryLimits(conversations, Duration.ofHours(1), 40, 8), Ticker.systemTicker());
        AuditLog audit = new RecentAuditLog(1_000);
        // the soak checks that nothing is lost or doubled, not the limiter: limits that never bite
        RateLimit unlimited = new RateLimit(1_000_000, 1_000_000);
        Duration longestWait = Duration.ofMinutes(2);
        InferenceQueue queue = new InferenceQueue(new QueueSettings(slots, 10_000, 20, longestWait), clock);
        ChatPipeline pipeline = HarnessPipeline.of(model, queue, memory, audit,
                new ScopeLimits(unlimited, unlimited, unlimited), PipelineSettings.POSITION_NOTICE_FROM, clock);

        DiscordAdapter discord = new DiscordAdapter(new DiscordSettings(required(given, "discord-token"),
                URI.create(required(given, "discord-rest")), URI.create(required(given, "discord-gateway")), null, 1, 0, 0),
                pipeline, clock, longestWait, new ReplyCaches(replyChains, ReplyCaches.DEFAULTS.replyChainsIdle(),
                        editedReplies, editedRepliesFor));
        TelegramAdapter telegram = TelegramAdapter.builder().settings(new TelegramSettings(
                required(given, "telegram-token"), URI.create(required(given, "telegram-api")), null,
                Duration.ofSeconds(10))).pipeline(pipeline).clock(clock)
                .caches(new ReplyCaches(replyChains, ReplyCaches.DEFAULTS.replyChainsIdle(), editedReplies,
                        editedRepliesFor)).build();
        discord.start();
        telegram.start();
        discord.awaitReady();
        System.out.println("READY");
        System.out.flush();

        BufferedReader commandsIn = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commandsIn.readLine(); line != null; line = commandsIn.readLine()) {
            switch (line.strip()) {
                case "stats" -> {
                    System.gc();
                    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
                    QueueStats stats = queue.stats();
                    System.out.printf(Locale.ROOT, "STATS heap=%d threads=%d discordHandled=%d discordPending=%d "
                                    + "discordSent=%d discordRetried=%d discordFailed=%d queueWaiting=%d queueStarted=%d "
                                    + "queueExpired=%d mostStreams=%d%n", heap, threads, discord.messagesHandled(),
                            discord.outbound().pending(), discord.outbound().sent(), discord.outbound().retried(),
                            discord.outbound().failed(), stats.waiting(), stats.started(), stats.expired(),
                            model.mostOpenAtOnce());
                    System.out.flush();
                }
                case "stop" -> {
                    telegram.close();
                    discord.close();
                    queue.shutdown(Duration.ofSeconds(5));
                    System.out.println("STOPPED");
                    System.out.flush();
                    System.exit(0);
                }
                default -> System.err.println("soak bot: unknown command " + line);
            }
        }
        System.exit(0); // the harness went away
    }

    /**
     * The newest audit entries only: the application keeps its audit log in a database table, so a
     * list in memory that grew with every blocked prompt would be the soak's growth, not the bot's.
     */
    private static final class RecentAuditLog implements AuditLog {

        private final int kept;
        private final Deque<AuditEntry> entries = new ArrayDeque<>();

        RecentAuditLog(int kept) {
            this.kept = kept;
        }

        @Override
        public synchronized void record(AuditEntry entry) {
            entries.addFirst(entry);
            if (entries.size() > kept) {
                entries.removeLast();
            }
        }

        @Override
        public synchronized List<AuditEntry> recent(ScopeKey scope, int limit) {
            return entries.stream().filter(e -> e.scope().equals(scope)).limit(limit).toList();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> given = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            given.put(args[i].substring(2), args[i + 1]);
        }
        return given;
    }

    private static String required(Map<String, String> given, String name) {
        String value = given.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
