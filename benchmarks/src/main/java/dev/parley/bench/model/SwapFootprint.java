package dev.parley.bench.model;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ReplyStream;
import dev.parley.core.modelswap.HotSwap;
import dev.parley.core.modelswap.ModelSpec;
import dev.parley.core.modelswap.SwapEvents;
import dev.parley.core.modelswap.SwapOutcome;
import dev.parley.core.modelswap.SwappableChatModel;
import dev.parley.model.llama.LlamaChatModel;
import dev.parley.model.llama.LlamaModelLoader;
import dev.parley.model.llama.LlamaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;

/**
 * Hot-swaps between two GGUF models again and again the way {@code /model load} does ({@link HotSwap}
 * with {@link LlamaModelLoader}: load, check, test generation, switch), each time while a reply
 * streams on the old model, and prints the process's resident memory after each swap, once the
 * old model's reply has ended and it was closed. Issue #19 asks that the resident memory after the
 * fifth swap be within 10% of that after the first: closing a model must return its memory.
 *
 * <pre>
 * ./parley tiny-model /tmp/swap-a.gguf --embedding 1024 --layers 8 --heads 16 --ffn 2816 --vocab 32000 --type q8_0 --seed 1
 * ./parley tiny-model /tmp/swap-b.gguf --embedding 1024 --layers 8 --heads 16 --ffn 2816 --vocab 32000 --type q8_0 --seed 2
 * java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/parley-benchmarks.jar \
 *     dev.parley.bench.model.SwapFootprint /tmp/swap-a.gguf /tmp/swap-b.gguf [swaps] [threads] [slots]
 * </pre>
 *
 * Resident memory is VmRSS of {@code /proc/self/status} (Linux only), after a full GC so that the
 * Java heap's garbage does not blur it. The model files are memory-mapped, so the pages of them
 * that were read count as resident while a model using them is open.
 */
public final class SwapFootprint {

    private static final int TOKENS = 16;

    private SwapFootprint() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: SwapFootprint MODEL_A MODEL_B [swaps] [threads] [slots]");
            System.exit(2);
        }
        Path a = Path.of(args[0]);
        Path b = Path.of(args[1]);
        int swaps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        int slots = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        LlamaSettings settings = new LlamaSettings(a, threads, 512, slots, 0);
        System.out.printf(Locale.ROOT, "%s (%.0f MB) and %s (%.0f MB): %d swaps, %d slot(s) of 512 tokens, %d thread(s)%n",
                a.getFileName(), Files.size(a) / 1e6, b.getFileName(), Files.size(b) / 1e6, swaps, slots, threads);
        long before = residentKilobytes();
        var loader = new LlamaModelLoader(settings);
        LlamaChatModel initial = LlamaChatModel.load(settings);
        try (var model = new SwappableChatModel(initial)) {
            var swap = new HotSwap(model, loader.describe(initial, ModelSpec.of(a)), loader, SwapEvents.NONE,
                    InstantSource.system(), 512);
            drain(model.stream(request()));
            System.out.printf(Locale.ROOT, "resident: %.1f MB before loading, %.1f MB serving %s%n", before / 1024.0,
                    residentKilobytes() / 1024.0, a.getFileName());
            long first = 0;
            long last = 0;
            for (int round = 1; round <= swaps; round++) {
                Path next = round % 2 == 1 ? b : a;
                ReplyStream running = model.stream(request());
                running.next(); // streaming on the old model while the new one loads
                long start = System.nanoTime();
                SwapOutcome outcome = swap.load(ModelSpec.of(next));
                long swapped = System.nanoTime();
                if (!(outcome instanceof SwapOutcome.Switched)) {
                    throw new IllegalStateException("swap " + round + " failed: " + outcome);
                }
                long bothOpen = residentKilobytes();
                drain(running); // the old model's last reply ends: it is closed now
                drain(model.stream(request()));
                long resident = residentKilobytes();
                first = round == 1 ? resident : first;
                last = resident;
                System.out.printf(Locale.ROOT, "swap %d to %s: load, check and switch %5.0f ms; resident %7.1f MB while both"
                        + " were open, %7.1f MB after the old one closed; models still open %d%n", round,
                        next.getFileName(), (swapped - start) / 1e6, bothOpen / 1024.0, resident / 1024.0,
                        1 + model.retiringModels());
            }
            System.out.printf(Locale.ROOT, "resident after swap %d: %.1f MB, after swap 1: %.1f MB (%+.1f%%)%n", swaps,
                    last / 1024.0, first / 1024.0, 100.0 * (last - first) / first);
        }
        System.out.printf(Locale.ROOT, "resident after closing: %.1f MB%n", residentKilobytes() / 1024.0);
    }

    private static ChatRequest request() {
        return new ChatRequest(List.of(ChatTurn.user("hello world")), new GenerationSettings(TOKENS, 0f, 1));
    }

    private static void drain(ReplyStream stream) {
        try (stream) {
            stream.rest();
        }
    }

    private static long residentKilobytes() throws IOException {
        System.gc();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
