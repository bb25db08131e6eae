package dev.parley.bench.model;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ReplyStream;
import dev.parley.model.llama.LlamaChatModel;
import dev.parley.model.llama.LlamaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Time to first token of the next turn of a long conversation, cold and cached (issue #16): a
 * slot keeps the tokens of the last conversation it served, so a conversation that continues
 * decodes only its new turn. Each round loads the model with one slot, builds a conversation of
 * about {@code --history-tokens} tokens, and times three requests:
 * <ol>
 * <li>cold: the conversation's next turn while the slot holds another conversation (a short
 * unrelated prompt was answered just before), so the whole history is decoded;</li>
 * <li>cached: the turn after that, the same conversation with the reply and one more question,
 * so only the new turns are decoded;</li>
 * </ol>
 * and prints the medians and their ratio (the target: cached at most a fifth of cold).
 *
 * <pre>
 * ./parley model-benchmark is the other harness; this one runs as
 * java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/parley-benchmarks.jar \
 *     dev.parley.bench.model.ConversationCacheBenchmark FILE [--threads N] [--history-tokens 2000] [--rounds 3]
 * </pre>
 */
public final class ConversationCacheBenchmark {

    private static final String SYSTEM = "You are Parley, a helpful assistant in a chat server.";
    private static final int REPLY_TOKENS = 16;

    private ConversationCacheBenchmark() {
    }

    public static void main(String[] args) {
        BenchmarkExit.after(() -> run(args));
    }

    private static void run(String[] args) {
        if (args.length == 0 || args[0].startsWith("--") || args.length % 2 == 0) {
            throw new IllegalArgumentException("usage: ConversationCacheBenchmark FILE [--threads N] [--history-tokens N] [--rounds N]");
        }
        Path model = Path.of(args[0]);
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("no model file " + model);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        int historyTokens = 2000;
        int rounds = 3;
        for (int i = 1; i + 1 < args.length; i += 2) {
            int value = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--threads" -> threads = value;
                case "--history-tokens" -> historyTokens = value;
                case "--rounds" -> rounds = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        double[] cold = new double[rounds];
        double[] cached = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            LlamaSettings settings = LlamaSettings.of(model).withThreads(threads).withParallel(1)
                    .withContextSize(historyTokens + 512);
            try (LlamaChatModel llama = LlamaChatModel.load(settings)) {
                List<ChatTurn> conversation = conversation(llama, historyTokens);
                firstToken(llama, List.of(ChatTurn.system(SYSTEM), ChatTurn.user("Something else entirely.")));
                conversation.add(ChatTurn.user("And what should I read next?"));
                Timed coldTurn = firstToken(llama, conversation);
                cold[round] = coldTurn.millis();
                conversation.add(ChatTurn.assistant(coldTurn.reply()));
                conversation.add(ChatTurn.user("Thanks. One more question, then."));
                cached[round] = firstToken(llama, conversation).millis();
                System.out.printf(Locale.ROOT, "round %d: %d-token conversation, next turn's first token cold %.0f ms, cached %.0f ms%n",
                        round + 1, tokens(llama, conversation), cold[round], cached[round]);
            }
        }
        double coldMedian = median(cold);
        double cachedMedian = median(cached);
        System.out.printf(Locale.ROOT, "medians of %d round(s), %d thread(s): cold %.0f ms, cached %.0f ms: cached/cold %.3f"
                + " (target at most 0.2)%n", rounds, threads, coldMedian, cachedMedian, cachedMedian / coldMedian);
    }

    /** Alternating questions and answers of ordinary text until the history holds about {@code target} tokens. */
    private static List<ChatTurn> conversation(LlamaChatModel llama, int target) {
        List<ChatTurn> turns = new ArrayList<>(List.of(ChatTurn.system(SYSTEM)));
        int turn = 0;
        while (tokens(llama, turns) < target) {
            turns.add(ChatTurn.user("Question " + turn + ": tell me about the history of the city, its rivers and its"
                    + " bridges, and what people did there in the old days."));
            turns.add(ChatTurn.assistant("Answer " + turn + ": the city grew along two rivers; its bridges were built"
                    + " of stone and wood, and markets were held on them every week for many years."));
            turn++;
        }
        return turns;
    }

    private static int tokens(LlamaChatModel llama, List<ChatTurn> turns) {
        return turns.stream().mapToInt(turn -> llama.countTokens(turn.text()) + 4).sum();
    }

    /** A streamed reply and the milliseconds to its first piece. */
    private record Timed(double millis, String reply) {}

    /** Streams a short greedy reply, timing its first piece. */
    private static Timed firstToken(LlamaChatModel llama, List<ChatTurn> turns) {
        long start = System.nanoTime();
        long first = 0;
        StringBuilder reply = new StringBuilder();
        try (ReplyStream stream = llama.stream(new ChatRequest(List.copyOf(turns), new GenerationSettings(REPLY_TOKENS, 0f, 7)))) {
            for (String piece = stream.next(); piece != null; piece = stream.next()) {
                if (first == 0) {
                    first = System.nanoTime();
                }
                reply.append(piece);
            }
        }
        return new Timed(((first == 0 ? System.nanoTime() : first) - start) / 1e6,
                reply.isEmpty() ? "(no reply)" : reply.toString());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
