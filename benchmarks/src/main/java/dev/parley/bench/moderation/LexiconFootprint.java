package dev.parley.bench.moderation;

import dev.parley.core.moderation.LocalModerationProvider;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.moderation.learned.ToxicityClassifier;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the memory the loaded lexicons, rules and Portuguese classifier of the local tier take:
 * the growth of the used heap, after full collections, when ten copies of the tier are loaded and
 * kept, divided by ten; and the same for the classifier alone.
 * Run it with a fixed heap so the figure is steady.
 *
 * <pre>java -Xms256m -Xmx256m -cp benchmarks/target/parley-benchmarks.jar dev.parley.bench.moderation.LexiconFootprint</pre>
 */
public final class LexiconFootprint {

    private static final int COPIES = 10;

    private LexiconFootprint() {}

    public static void main(String[] args) {
        TextNormaliser normaliser = new TextNormaliser();
        LocalModerationProvider.standard(normaliser); // load classes first
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = settledUsedHeap(memory);
        List<LocalModerationProvider> kept = new ArrayList<>(COPIES);
        for (int i = 0; i < COPIES; i++) {
            kept.add(LocalModerationProvider.standard(normaliser));
        }
        long after = settledUsedHeap(memory);
        System.out.println(String.format(Locale.ROOT, "local tier: %d lexicon entries and the classifier, about %.0f KiB of heap each (%d copies measured)",
                kept.getFirst().lexicon().size(), (after - before) / 1024.0 / COPIES, kept.size()));
        kept.clear();
        before = settledUsedHeap(memory);
        List<ToxicityClassifier> classifiers = new ArrayList<>(COPIES);
        for (int i = 0; i < COPIES; i++) {
            classifiers.add(ToxicityClassifier.standard());
        }
        after = settledUsedHeap(memory);
        System.out.println(String.format(Locale.ROOT, "of which the Portuguese classifier: about %.0f KiB of heap (%d buckets)",
                (after - before) / 1024.0 / classifiers.size(), classifiers.getFirst().model().features().buckets()));
    }

    private static long settledUsedHeap(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
