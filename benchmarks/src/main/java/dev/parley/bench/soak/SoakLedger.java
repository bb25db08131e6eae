package dev.parley.bench.soak;

import dev.parley.testkit.discord.FakeDiscordServer;
import dev.parley.testkit.discord.RecordedRequest;
import dev.parley.testkit.discord.SentMessage;
import dev.parley.testkit.telegram.FakeTelegramServer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * What each message the soak run sent should get, and what it got, read from what the fakes
 * recorded: exactly one reply to an addressed message and none to chatter, a position-in-line
 * notice counted apart, questions a /stop withdrew answered by the /stop's reply, and every error
 * or unknown route the fakes answered a problem. {@link #check} runs on the harness's main
 * thread only; {@link #expect} on the sender's.
 */
final class SoakLedger {

    /** What one sent message should get, and what it got so far. */
    static final class Expectation {
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

    private final FakeDiscordServer discord;
    private final FakeTelegramServer telegram;
    private final Map<String, Expectation> expected = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> sentByScenario = new ConcurrentHashMap<>();
    private final List<Orphan> orphans = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
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

    SoakLedger(FakeDiscordServer discord, FakeTelegramServer telegram) {
        this.discord = discord;
        this.telegram = telegram;
    }

    void expect(String key, String scenario, boolean wantsReply, long sentNanos) {
        expect(key, scenario, wantsReply, sentNanos, null, false);
    }

    void expect(String key, String scenario, boolean wantsReply, long sentNanos, @Nullable String conversation,
            boolean stop) {
        expected.put(key, new Expectation(key, scenario, wantsReply, sentNanos, conversation, stop));
        sentByScenario.computeIfAbsent(scenario, s -> new AtomicInteger()).incrementAndGet();
    }

    /** Reads what the fakes recorded since the last check; on the harness's main thread only. */
    void check() {
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
    long unanswered(int olderThanSeconds) {
        long cutoff = System.nanoTime() - TimeUnit.SECONDS.toNanos(olderThanSeconds);
        return expected.values().stream().filter(e -> e.lost() && e.sentNanos - cutoff <= 0).count();
    }

    Collection<Expectation> expectations() {
        return expected.values();
    }

    Map<String, AtomicInteger> sentByScenario() {
        return sentByScenario;
    }

    List<String> problems() {
        return problems;
    }

    /** The counts so far; on the harness's main thread, as {@link #check}. */
    Tally tally() {
        return new Tally(replies, duplicates, errorAnswers, unaddressedAnswered, positionNotices, withdrawnByStop);
    }

    /** What the checks counted: replies, and each way a reply can be wrong. */
    record Tally(long replies, long duplicates, long errorAnswers, long unaddressedAnswered, long positionNotices,
            long withdrawnByStop) {}

    /** The bot's REST requests counted by route, ids replaced by {@code *}. */
    Map<String, Long> discordRoutes() {
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

    /** The bot's Bot API calls counted by method. */
    Map<String, Long> telegramMethods() {
        Map<String, Long> methods = new TreeMap<>();
        for (var request : telegram.requests()) {
            methods.merge(request.method(), 1L, Long::sum);
        }
        return methods;
    }

    static String abbreviate(@Nullable String text) {
        String value = String.valueOf(text);
        return value.length() <= 300 ? value : value.substring(0, 300) + "...";
    }
}
