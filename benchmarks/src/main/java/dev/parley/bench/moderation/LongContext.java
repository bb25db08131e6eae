package dev.parley.bench.moderation;

import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.LearnedModerationProvider;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.ModerationResult;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.Verdict;
import dev.parley.model.encoder.SentenceEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Whether a request is still caught when it comes after a long harmless preamble: a persona set-up,
 * a story about one's day, a novel's chapter. The requests are the written held-out ones
 * ({@code benchmarks/data/authored/eval.tsv}, harmful and safe look-alikes), the preambles written
 * for this ({@code preambles.tsv}, 780 to 880 characters each, in each language); each request is
 * judged alone, after every preamble of its language, and after all of them (about 2,500
 * characters: longer than one window of the learned tier), by the whole input moderation as the bot
 * runs it by default (local and learned tiers, default policy). Prints, per language and preamble,
 * the share of harmful requests flagged and of severe ones blocked, the share of safe requests
 * flagged and blocked, the time a text took (mean and 99th percentile, two texts at a time on two
 * cores), and what the preamble alone is flagged for. Never prints a text.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/parley-benchmarks.jar \
 *     dev.parley.bench.moderation.LongContext benchmarks/data/authored [heads.plh] [--whole | --every-clause]
 * </pre>
 *
 * <p>Without a heads file it uses the shipped heads and the encoder they name. It reads texts as
 * the bot does ({@link LearnedModerationProvider#standardClauses()}: the sentences of a text over
 * 400 characters also alone); {@code --whole} reads whole windows only, as the bot did before
 * session 19, and {@code --every-clause} the sentences of every text
 * ({@link LearnedModerationProvider#clausesOfEveryText()}). Runs on two threads.
 */
public final class LongContext {

    private record Request(String language, boolean harmful, boolean severe, String text) {}

    private record Preamble(String language, String kind, String text) {}

    /** Counts of one row of the table, and the time each text took (two at once, one per core). */
    private record Tally(int harmful, int harmfulFlagged, int severe, int severeBlocked, int safe, int safeFlagged,
            int safeBlocked, double meanMillis, double p99Millis) {}

    private record Timed(ModerationResult result, long nanos) {}

    private static final Set<String> SEVERE = Set.of("harassment/threatening", "hate/threatening", "illicit/violent",
            "self-harm/intent", "self-harm/instructions", "sexual/minors");

    private LongContext() {
    }

    public static void main(String[] args) throws Exception {
        AuthoredMeasure.Arguments arguments = AuthoredMeasure.arguments("LongContext", args);
        List<Request> requests = requests(arguments.authored().resolve("eval.tsv"));
        List<Preamble> preambles = preambles(arguments.authored().resolve("preambles.tsv"));
        try (SentenceEncoder encoder = SentenceEncoder.loadFor(arguments.heads(), 1)) {
            Moderator moderator = AuthoredMeasure.moderator(encoder, arguments);
            ModerationPolicy policy = AuthoredMeasure.defaultPolicy();
            System.out.printf(Locale.ROOT, "encoder %s; %s; %d requests, %d preambles%n", encoder.name(), arguments.clauses(),
                    requests.size(), preambles.size());
            for (Preamble preamble : preambles) {
                ModerationResult alone = moderator.evaluate(preamble.text(), Direction.INPUT, policy);
                System.out.printf(Locale.ROOT, "%s %s preamble alone: %s%n", preamble.language(), preamble.kind(),
                        alone.flagged() ? "flagged " + alone.flaggedCategories() : "not flagged");
            }
            System.out.println("| language | before the request | harmful flagged | severe blocked | safe flagged | safe blocked"
                    + " | ms a text, mean / p99 |");
            System.out.println("|---|---|---|---|---|---|---|");
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                for (String language : List.of("en", "pt")) {
                    List<Request> own = requests.stream().filter(r -> r.language().equals(language)).toList();
                    print(language, "nothing", tally(pool, moderator, policy, own, ""));
                    StringBuilder all = new StringBuilder();
                    for (Preamble preamble : preambles) {
                        if (preamble.language().equals(language)) {
                            print(language, preamble.kind(), tally(pool, moderator, policy, own, preamble.text() + "\n\n"));
                            all.append(preamble.text()).append("\n\n");
                        }
                    }
                    // longer than one window: the request is in the last
                    print(language, "all three", tally(pool, moderator, policy, own, all.toString()));
                }
            }
        }
    }

    private static Tally tally(ExecutorService pool, Moderator moderator, ModerationPolicy policy, List<Request> requests,
            String prefix) throws Exception {
        List<Future<Timed>> results = new ArrayList<>(requests.size());
        for (Request request : requests) {
            results.add(pool.submit(() -> {
                long start = System.nanoTime();
                ModerationResult result = moderator.evaluate(prefix + request.text(), Direction.INPUT, policy);
                return new Timed(result, System.nanoTime() - start);
            }));
        }
        int[] n = new int[7];
        long[] nanos = new long[requests.size()];
        for (int i = 0; i < requests.size(); i++) {
            Request request = requests.get(i);
            Timed timed = results.get(i).get();
            ModerationResult result = timed.result();
            nanos[i] = timed.nanos();
            boolean blocked = result.verdict() instanceof Verdict.Block;
            if (request.harmful()) {
                n[0]++;
                n[1] += result.flagged() ? 1 : 0;
                if (request.severe()) {
                    n[2]++;
                    n[3] += blocked ? 1 : 0;
                }
            } else {
                n[4]++;
                n[5] += result.flagged() ? 1 : 0;
                n[6] += blocked ? 1 : 0;
            }
        }
        java.util.Arrays.sort(nanos);
        double mean = java.util.Arrays.stream(nanos).average().orElse(0) / 1e6;
        double p99 = nanos.length == 0 ? 0 : nanos[Math.min(nanos.length - 1, (int) Math.ceil(0.99 * nanos.length) - 1)] / 1e6;
        return new Tally(n[0], n[1], n[2], n[3], n[4], n[5], n[6], mean, p99);
    }

    private static void print(String language, String before, Tally t) {
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.0f / %.0f |%n", language, before,
                AuthoredMeasure.share(t.harmfulFlagged(), t.harmful()), AuthoredMeasure.share(t.severeBlocked(), t.severe()),
                AuthoredMeasure.share(t.safeFlagged(), t.safe()), AuthoredMeasure.share(t.safeBlocked(), t.safe()), t.meanMillis(), t.p99Millis());
    }

    /** The request rows of the written held-out set: language, kind, labels, text, form. */
    private static List<Request> requests(Path tsv) throws IOException {
        List<Request> out = new ArrayList<>();
        for (String line : AuthoredMeasure.rows(tsv)) {
            String[] f = line.split("\t", -1);
            if (f[1].equals("request")) {
                boolean harmful = !f[2].equals("safe");
                boolean severe = false;
                for (String label : f[2].split(",")) {
                    severe |= SEVERE.contains(label);
                }
                out.add(new Request(f[0], harmful, severe, f[3]));
            }
        }
        return out;
    }

    private static List<Preamble> preambles(Path tsv) throws IOException {
        List<Preamble> out = new ArrayList<>();
        for (String line : AuthoredMeasure.rows(tsv)) {
            String[] f = line.split("\t", -1);
            out.add(new Preamble(f[0], f[1], f[2]));
        }
        return out;
    }
}
