package dev.parley.bench.model;

import dev.parley.model.batch.BatchScheduler;
import dev.parley.model.batch.ScheduledReply;
import dev.parley.model.llamacpp.LlamaCppModel;
import dev.parley.model.llamacpp.ModelParameters;
import dev.parley.model.llamacpp.ReplyTokens;
import dev.parley.model.llamacpp.SamplerParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads a GGUF model through Parley's own llama.cpp binding, generates a few tokens and closes it,
 * again and again, printing the process's resident memory after each round. Each round takes the
 * path the bot takes: a context of {@code sequences} sequences decoded together by a
 * {@link BatchScheduler}; one reply reads a system prompt, and once it is decoded the others
 * start with the same prompt, which they copy from its sequence. Issue #16 asks that
 * closing a model returns its memory (the old binding, llama.cpp b4916, kept about 1.25 GB per load of a 1.1B
 * model), so a model can be replaced without a restart.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/parley-benchmarks.jar \
 *     dev.parley.bench.model.ReloadFootprint FILE [rounds] [threads] [sequences]
 * </pre>
 *
 * Resident memory is read from {@code /proc/self/status} (Linux only). The model file is
 * memory-mapped, so resident memory counts the pages of it that were read, as llama.cpp's own
 * tools would.
 */
public final class ReloadFootprint {

    private ReloadFootprint() {
    }

    private static final String PROMPT = "You are Parley, a helpful assistant in a chat server. Answer briefly and kindly.\nhello world";

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ReloadFootprint FILE [rounds] [threads] [sequences]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        int sequences = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        System.out.printf(Locale.ROOT, "%s (%.0f MB), %d rounds of load, %d replies of 16 tokens batched on %d sequences"
                + " (a system prompt copied), close; %d thread(s)%n", file.getFileName(), Files.size(file) / 1e6, rounds,
                sequences, sequences, threads);
        long before = residentKilobytes();
        long firstLoaded = 0;
        long lastLoaded = 0;
        long copied = 0;
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            long loaded;
            long loadedAt;
            try (LlamaCppModel model = LlamaCppModel.load(ModelParameters.of(file).withContextSize(512).withThreads(threads), sequences);
                    BatchScheduler scheduler = new BatchScheduler(model, "reload-footprint")) {
                loadedAt = System.nanoTime();
                int[] prompt = model.tokenize(PROMPT, true, false);
                List<ScheduledReply> replies = new ArrayList<>();
                replies.add(scheduler.submit(prompt, SamplerParameters.greedy(), 16, new float[0]));
                replies.getFirst().next(); // its prompt is decoded: the others copy it
                for (int i = 1; i < sequences; i++) {
                    replies.add(scheduler.submit(prompt, SamplerParameters.seeded(0.8f, i), 16, new float[0]));
                }
                for (ReplyTokens reply : replies) {
                    while (reply.next() != ReplyTokens.END) {
                        // drain: the tokens themselves do not matter here
                    }
                }
                copied += scheduler.cacheCounters().prefixHits();
                loaded = residentKilobytes();
            }
            long closed = residentKilobytes();
            firstLoaded = round == 1 ? loaded : firstLoaded;
            lastLoaded = loaded;
            System.out.printf(Locale.ROOT, "round %2d: load %6.0f ms, generate and close %6.0f ms, resident %7.1f MB loaded,"
                    + " %7.1f MB after close, %d threads%n", round, (loadedAt - start) / 1e6, (System.nanoTime() - loadedAt) / 1e6,
                    loaded / 1024.0, closed / 1024.0, threads());
        }
        long end = residentKilobytes();
        System.out.printf(Locale.ROOT, "resident: %.1f MB before the first load, %.1f MB with the first load, %.1f MB with the last"
                + " (%+.1f%%), %.1f MB at the end after its close (%+.1f%% of the first load's); %d replies copied a prompt%n",
                before / 1024.0, firstLoaded / 1024.0, lastLoaded / 1024.0, 100.0 * (lastLoaded - firstLoaded) / firstLoaded,
                end / 1024.0, 100.0 * (end - firstLoaded) / firstLoaded, copied);
    }

    /** The process's threads, native ones included (a thread llama.cpp leaves behind shows here). */
    private static long threads() throws IOException {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.count();
        }
    }

    private static long residentKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
