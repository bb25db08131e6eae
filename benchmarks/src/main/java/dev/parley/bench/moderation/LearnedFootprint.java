package dev.parley.bench.moderation;

import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.LearnedModerationProvider;
import dev.parley.core.moderation.LocalModerationProvider;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.ModerationRequest;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TermList;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.model.encoder.SentenceEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What the learned tier costs in memory: Java heap (after a full collection) and the process's
 * resident set (ONNX Runtime's native memory included) before loading, after loading and after
 * judging 1,000 messages; then how long the whole input moderation (local and learned tiers, no
 * cache) takes on one text of 1 MB and of 5 MB, best of three.
 *
 * <pre>
 * java -Xms256m -Xmx256m -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.moderation.LearnedFootprint
 * </pre>
 */
public final class LearnedFootprint {

    private LearnedFootprint() {
    }

    public static void main(String[] args) throws IOException {
        TextNormaliser normaliser = new TextNormaliser();
        LocalModerationProvider local = LocalModerationProvider.standard(normaliser);
        print("local tier loaded");
        try (SentenceEncoder encoder = SentenceEncoder.loadFor(LearnedModerationProvider.standardHeads(), 1)) {
            LearnedModerationProvider learned = LearnedModerationProvider.standard(encoder, local);
            print("learned tier loaded");
            for (String text : SampleMessages.of(1_000, 200, 7)) {
                learned.assess(new ModerationRequest(text, normaliser.normalise(text), Direction.INPUT, null));
            }
            print("after 1,000 messages");
            Moderator moderator = new Moderator(normaliser, List.of(local, learned), 0);
            ModerationPolicy policy = ModerationPolicy.of(TermList.EMPTY, Set.of(Direction.INPUT), "in", "out");
            for (int megabytes : new int[] {1, 5}) {
                StringBuilder text = new StringBuilder(megabytes << 20);
                List<String> pieces = SampleMessages.of(64, 200, 11);
                for (int i = 0; text.length() < megabytes << 20; i++) {
                    text.append(pieces.get(i & 63)).append(' ');
                }
                String big = text.toString();
                long best = Long.MAX_VALUE;
                for (int run = 0; run < 3; run++) {
                    long start = System.nanoTime();
                    moderator.evaluate(big, Direction.INPUT, policy);
                    best = Math.min(best, System.nanoTime() - start);
                }
                System.out.printf("a %d MB text judged in %,d ms (best of 3)%n", megabytes, best / 1_000_000);
            }
        }
    }

    private static void print(String moment) throws IOException {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).findFirst().orElse("VmRSS: ?").substring(6).strip();
        System.out.printf("%-22s heap %,7d KiB   resident %s%n", moment, heap / 1024, rss);
    }
}
