package dev.parley.model.llama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.model.ChatRequest;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.model.ReplyStream;
import dev.parley.model.llamacpp.TinyModelFiles;
import dev.parley.model.stats.CacheCounters;
import dev.parley.testkit.gguf.Architecture;
import dev.parley.testkit.gguf.TinyLlamaModel;
import dev.parley.testkit.gguf.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Qwen3 conversation's next turn continues its cached sequence although the template renders
 * the earlier reply without the empty think block it was generated after: the prompts part just
 * before the reply, the sequence drops what it holds from there and decodes only the rest, and
 * the answer is the one a freshly loaded model gives to the whole prompt.
 */
class Qwen3ConversationCacheTest {

    private static final String PERSONA = "You are Parley, a friendly assistant for a chat server. Answer in short plain sentences.";
    private static final long HOST_BYTES = 64L << 20;

    @TempDir
    static Path files;

    private static Path file;

    @BeforeAll
    static void writeModel() throws IOException {
        // byte-level BPE as Qwen's own vocabulary; the template is the testkit's Qwen3 one
        TinyLlamaModel qwen3 = TinyLlamaModel.builder().architecture(Architecture.QWEN3).vocabulary(Vocabulary.BYTE_LEVEL_BPE).build();
        file = TinyModelFiles.writeModel(files, qwen3, "tiny-qwen3.gguf");
    }

    @Test
    void nextTurn_withEverySlotHoldingAConversation_continuesItsOwnSequenceFromWhereThePromptsPart() {
        try (LlamaChatModel warm = load(3, 0); LlamaChatModel cold = load(1, 0)) {
            List<ChatTurn> boats = opening("Tell me about boats.");
            List<ChatTurn> clouds = opening("Tell me about clouds.");
            List<ChatTurn> apples = opening("Tell me about apples.");
            String boatsReply = drain(warm.stream(request(boats)));
            String cloudsReply = drain(warm.stream(request(clouds)));
            String applesReply = drain(warm.stream(request(apples)));

            NextTurn turn = continueConversation(warm, cold, apples, applesReply);

            assertThat(turn.after().hits() - turn.before().hits()).as("a hit: %s", turn).isOne();
            assertThat(turn.after().misses()).isEqualTo(turn.before().misses());
            assertThat(turn.after().evictions()).as("no other conversation evicted").isZero();
            assertThat(turn.after().prefixHits()).as("nothing copied into another sequence").isEqualTo(turn.before().prefixHits());

            // the other two stayed in their sequences: their next turns continue them too
            drain(warm.stream(request(next(boats, boatsReply, "And ships?"))));
            drain(warm.stream(request(next(clouds, cloudsReply, "And rain?"))));
            assertThat(warm.cacheCounters().hits()).isEqualTo(3);
            assertThat(warm.cacheCounters().evictions()).isZero();
        }
    }

    @Test
    void nextTurn_ofAConversationEvictedToHostMemory_isRestoredAndDecodedFromWhereThePromptsPart() {
        try (LlamaChatModel warm = load(2, HOST_BYTES); LlamaChatModel cold = load(1, 0)) {
            List<ChatTurn> apples = opening("Tell me about apples.");
            String applesReply = drain(warm.stream(request(apples)));
            drain(warm.stream(request(opening("Tell me about boats."))));
            drain(warm.stream(request(opening("Tell me about clouds.")))); // evicts apples to host memory

            NextTurn turn = continueConversation(warm, cold, apples, applesReply);

            assertThat(turn.after().hostHits() - turn.before().hostHits()).as("restored: %s", turn).isOne();
        }
    }

    /** The cache's counters before and after a conversation's next turn. */
    private record NextTurn(CacheCounters before, CacheCounters after) {}

    /**
     * Asks {@code warm} the next turn of {@code turns} after {@code reply}, and checks that it
     * answers as {@code cold}, which decodes the whole prompt, and decodes only from where its
     * prompt parts from the one before.
     */
    private static NextTurn continueConversation(LlamaChatModel warm, LlamaChatModel cold, List<ChatTurn> turns, String reply) {
        List<ChatTurn> next = next(turns, reply, "And pears?");
        int shared = sharedTokens(warm, turns, next);
        CacheCounters before = warm.cacheCounters();

        String answer = drain(warm.stream(request(next)));

        NextTurn turn = new NextTurn(before, warm.cacheCounters());
        assertThat(answer).isEqualTo(drain(cold.stream(request(next))));
        assertThat(turn.after().tokensReused() - before.tokensReused()).as("decoded from where the prompts part: %s", turn)
                .isEqualTo(shared);
        return turn;
    }

    /**
     * The tokens the next turn's prompt shares with the first's, checked to part at the empty
     * think block the first one ends with (the cause this test is about).
     */
    private static int sharedTokens(LlamaChatModel model, List<ChatTurn> first, List<ChatTurn> next) {
        int[] firstPrompt = model.tokenize(model.renderPrompt(request(first)));
        int[] nextPrompt = model.tokenize(model.renderPrompt(request(next)));
        int shared = 0;
        while (shared < Math.min(firstPrompt.length, nextPrompt.length) && firstPrompt[shared] == nextPrompt[shared]) {
            shared++;
        }
        assertThat(model.detokenize(Arrays.copyOfRange(firstPrompt, shared, firstPrompt.length))).isEqualTo("<think>\n\n</think>\n\n");
        return shared;
    }

    private static List<ChatTurn> opening(String question) {
        return List.of(ChatTurn.system(PERSONA), ChatTurn.user(question));
    }

    private static List<ChatTurn> next(List<ChatTurn> turns, String reply, String question) {
        List<ChatTurn> next = new ArrayList<>(turns);
        next.add(ChatTurn.assistant(reply));
        next.add(ChatTurn.user(question));
        return next;
    }

    // greedy: the warm and the cold model must pick the same tokens
    private static ChatRequest request(List<ChatTurn> turns) {
        return new ChatRequest(turns, new GenerationSettings(16, 0f, 1));
    }

    private static LlamaChatModel load(int slots, long hostBytes) {
        return LlamaChatModel.load(new LlamaSettings(file, 1, 512, slots, 0).withHostCacheBytes(hostBytes));
    }

    private static String drain(ReplyStream stream) {
        try (stream) {
            return stream.rest();
        }
    }
}
