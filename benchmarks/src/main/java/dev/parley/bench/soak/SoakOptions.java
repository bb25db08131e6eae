package dev.parley.bench.soak;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The soak run's options as given on the command line ({@code --minutes 30 --rate 50 ...}), each
 * with its default; an unknown option stops the run before anything starts.
 *
 * @param caches the bot's cache bounds that were given; the others are the application's defaults
 */
record SoakOptions(double minutes, int rate, int users, long seed, double telegramShare, int slots,
        int latencyMs, String botHeap, int answerWithin, int statsEvery, Map<String, String> caches) {

    /** The bot's cache bounds the harness can set; those not given are the application's defaults. */
    private static final List<String> CACHE_OPTIONS = List.of("conversations", "reply-chains", "edited-replies",
            "edited-replies-for");

    static SoakOptions parse(String[] args) {
        Map<String, String> given = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                given.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        SoakOptions options = new SoakOptions(Double.parseDouble(given.getOrDefault("minutes", "30")),
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
