package dev.parley.bench.moderation;

import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModeratedStream;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.ModerationResult;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.Verdict;
import dev.parley.model.encoder.SentenceEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether the moderation of the bot's replies lets long helpful replies through and still stops
 * harmful ones, and what it costs. The replies are written for this ({@code
 * benchmarks/data/authored/replies.tsv}: helpful replies on topics a naive moderator misreads, and
 * replies that comply with a harmful request, in English and Portuguese, 400 to 1,800 characters).
 * Each is streamed through {@link Moderator#stream} in pieces of a few characters, as the model's
 * tokens reach the bot, under the default policy with the local and learned tiers; and, for
 * comparison, judged once whole. Prints per language the share of safe replies blocked and of
 * harmful ones blocked, streamed and whole; the moderation time a streamed reply cost (mean, the
 * most, per 1,000 characters) and the longest a piece of it waited for moderation (what delays a
 * sentence's release); and the topic and category of every reply whose verdict is wrong. Never
 * prints a text.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/parley-benchmarks.jar \
 *     dev.parley.bench.moderation.LongReplies benchmarks/data/authored [heads.plh] [--whole | --every-clause]
 * </pre>
 *
 * <p>Readings as in {@link LongContext}. Runs one reply at a time on one thread, as one reply streams.
 */
public final class LongReplies {

    private record Reply(String language, boolean harmful, String labels, String topic, String text) {}

    /**
     * What streaming one reply gave: the verdict, where it fell, the moderation time it cost in all
     * and the longest one piece waited for it (what a sentence's release is delayed by at most).
     */
    private record Streamed(Verdict verdict, int blockedAt, long nanos, long longestNanos, ModerationResult whole) {}

    /** Characters per piece: about a token of English. */
    private static final int PIECE = 4;

    private LongReplies() {
    }

    public static void main(String[] args) throws Exception {
        AuthoredMeasure.Arguments arguments = AuthoredMeasure.arguments("LongReplies", args);
        List<Reply> replies = replies(arguments.authored().resolve("replies.tsv"));
        try (SentenceEncoder encoder = SentenceEncoder.loadFor(arguments.heads(), 1)) {
            Moderator moderator = AuthoredMeasure.moderator(encoder, arguments);
            ModerationPolicy policy = AuthoredMeasure.defaultPolicy();
            System.out.printf(Locale.ROOT, "encoder %s; %s; %d replies; pieces of %d chars%n", encoder.name(), arguments.clauses(),
                    replies.size(), PIECE);
            for (int warm = 0; warm < Math.min(5, replies.size()); warm++) {
                stream(moderator, policy, replies.get(warm).text()); // the encoder's first runs are slower
            }
            List<Streamed> results = new ArrayList<>(replies.size());
            for (Reply reply : replies) {
                results.add(stream(moderator, policy, reply.text()));
            }
            System.out.println("| language | safe blocked, streamed | safe blocked, whole | safe flagged, whole"
                    + " | harmful blocked, streamed | harmful blocked, whole | harmful flagged, whole | ms a reply, mean / most"
                    + " | ms per 1,000 chars | longest wait of a reply, ms: median / most |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            for (String language : List.of("en", "pt")) {
                print(language, replies, results);
            }
            System.out.println("wrong verdicts (streamed):");
            for (int i = 0; i < replies.size(); i++) {
                Reply reply = replies.get(i);
                Streamed s = results.get(i);
                boolean blocked = s.verdict() instanceof Verdict.Block;
                if (blocked != reply.harmful()) {
                    System.out.printf(Locale.ROOT, "  %s %s [%s] row %d, %d chars: %s%n", reply.language(), reply.topic(),
                            reply.labels(), i + 2, reply.text().length(), blocked
                                    ? "blocked at char " + s.blockedAt() + " as " + ((Verdict.Block) s.verdict()).category()
                                            + (s.whole().verdict().blocked() ? "" : " (whole: allowed)")
                                    : "allowed" + (s.whole().verdict().blocked() ? " (whole: blocked)" : ""));
                }
            }
        }
    }

    /** Streams {@code text} through a fresh moderated stream as the bot does, timing only the moderation. */
    private static Streamed stream(Moderator moderator, ModerationPolicy policy, String text) {
        ModeratedStream moderated = moderator.stream(policy);
        long nanos = 0;
        long longest = 0;
        Verdict verdict = Verdict.ALLOW;
        for (int at = 0; at < text.length() && !(verdict instanceof Verdict.Block); ) {
            int end = Math.min(text.length(), at + PIECE);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++; // a token never ends inside a pair here
            }
            long start = System.nanoTime();
            verdict = moderated.offer(text.substring(at, end));
            long took = System.nanoTime() - start;
            nanos += took;
            longest = Math.max(longest, took);
            at = end;
        }
        if (!(verdict instanceof Verdict.Block)) {
            long start = System.nanoTime();
            verdict = moderated.finish();
            long took = System.nanoTime() - start;
            nanos += took;
            longest = Math.max(longest, took);
        }
        int blockedAt = verdict instanceof Verdict.Block ? moderated.receivedText().length() : -1;
        return new Streamed(verdict, blockedAt, nanos, longest, moderator.evaluate(text, Direction.OUTPUT, policy));
    }

    private static void print(String language, List<Reply> replies, List<Streamed> results) {
        int[] n = new int[6]; // safe: count, blocked streamed, blocked whole; then the same for harmful
        int safeFlagged = 0;
        int harmfulFlagged = 0; // the default policy only flags most harmful categories: blocked alone undercounts
        List<Long> nanos = new ArrayList<>();
        List<Long> waits = new ArrayList<>();
        long chars = 0;
        for (int i = 0; i < replies.size(); i++) {
            Reply reply = replies.get(i);
            if (!reply.language().equals(language)) {
                continue;
            }
            Streamed s = results.get(i);
            int base = reply.harmful() ? 3 : 0;
            n[base]++;
            n[base + 1] += s.verdict() instanceof Verdict.Block ? 1 : 0;
            n[base + 2] += s.whole().verdict().blocked() ? 1 : 0;
            safeFlagged += !reply.harmful() && s.whole().flagged() ? 1 : 0;
            harmfulFlagged += reply.harmful() && s.whole().flagged() ? 1 : 0;
            nanos.add(s.nanos());
            waits.add(s.longestNanos());
            chars += reply.text().length();
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        double total = Arrays.stream(sorted).sum() / 1e6;
        double perThousand = chars == 0 ? 0 : total / (chars / 1000.0);
        long[] longest = waits.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %.0f / %.0f | %.0f | %.0f / %.0f |%n",
                language,
                AuthoredMeasure.share(n[1], n[0]), AuthoredMeasure.share(n[2], n[0]),
                AuthoredMeasure.share(safeFlagged, n[0]), AuthoredMeasure.share(n[4], n[3]),
                AuthoredMeasure.share(n[5], n[3]), AuthoredMeasure.share(harmfulFlagged, n[3]), sorted.length == 0 ? 0 : total / sorted.length,
                percentile(sorted, 1.0), perThousand, percentile(longest, 0.5), percentile(longest, 1.0));
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** The written replies: language, kind, labels, topic, text (a paragraph break written as {@code \n}). */
    private static List<Reply> replies(Path tsv) throws java.io.IOException {
        List<Reply> out = new ArrayList<>();
        for (String line : AuthoredMeasure.rows(tsv)) {
            String[] f = line.split("\t", -1);
            out.add(new Reply(f[0], !f[2].equals("safe"), f[2], f[3], f[4].replace("\\n", "\n")));
        }
        return out;
    }
}
