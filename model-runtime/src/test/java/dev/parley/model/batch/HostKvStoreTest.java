package dev.parley.model.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.model.llamacpp.BatchDecoder;
import dev.parley.model.llamacpp.Generation;
import dev.parley.model.llamacpp.LlamaCppModel;
import dev.parley.model.llamacpp.ModelParameters;
import dev.parley.model.llamacpp.ReplyTokens;
import dev.parley.model.llamacpp.SamplerParameters;
import dev.parley.model.llamacpp.TinyModelFiles;
import dev.parley.model.llamacpp.TokenBatch;
import dev.parley.model.stats.CacheCounters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * More conversations than sequences: an evicted conversation's KV state goes to host memory and
 * comes back when it continues (real llama.cpp, a generated model of two sequences).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostKvStoreTest {

    private static final float[] NO_ADAPTERS = new float[0];
    private static final long BUDGET = 64L << 20;
    private static final int REPLY = 8;

    @TempDir
    static Path files;

    private static Path file;
    private static Path adapter;

    @BeforeAll
    static void writeModel() throws IOException {
        TinyModelFiles written = TinyModelFiles.writeModelAndAdapter(files);
        file = written.model();
        adapter = written.adapter();
    }

    @Test
    void submit_aConversationEvictedAndContinuedDecodesOnlyItsNewTurnAndAnswersAsWithoutTheCache() {
        Conversation a = conversation(NO_ADAPTERS);
        int[] expected;
        try (LlamaCppModel single = LlamaCppModel.load(parameters());
                Generation generation = single.generate(a.secondTurn(), SamplerParameters.greedy(), REPLY)) {
            expected = generation.remaining();
        }
        try (LlamaCppModel model = LlamaCppModel.load(parameters(), 2);
                BatchScheduler scheduler = new BatchScheduler(model, "test-host-kv", BUDGET)) {
            assertThat(BatchSchedulerTest.readAll(scheduler.submit(a.firstTurn(), SamplerParameters.greedy(), REPLY, NO_ADAPTERS))).containsExactly(a.reply());
            evictWithTwoOthers(model, scheduler, NO_ADAPTERS);
            CacheCounters stored = scheduler.cacheCounters();

            ScheduledReply next = scheduler.submit(a.secondTurn(), SamplerParameters.greedy(), REPLY, NO_ADAPTERS);

            assertThat(BatchSchedulerTest.readAll(next)).containsExactly(expected);
            assertThat(next.promptTokensDecoded()).isEqualTo(a.newTokens());
            CacheCounters counters = scheduler.cacheCounters();
            assertThat(counters.hostHits()).isOne();
            assertThat(counters.hits()).isZero(); // not from a sequence: from host memory
            assertThat(counters.tokensReused() - stored.tokensReused()).isEqualTo(a.held());
            assertThat(stored.hostBytes()).isPositive();
            // what one stored conversation costs on this model (docs/models.md quotes it)
            System.out.printf("host KV store: a conversation of %d tokens took %d bytes (%.1f per token)%n", a.held(),
                    stored.hostBytes(), (double) stored.hostBytes() / a.held());

            scheduler.close(); // as at a hot swap: the store goes with the model's scheduler
            assertThat(scheduler.cacheCounters().hostBytes()).isZero();
        }
    }

    @Test
    void submit_aNewConversationOpeningWithAStoredSystemPromptDecodesOnlyItsOwnTokens() {
        int[] first;
        int[] second;
        int[] expected;
        try (LlamaCppModel single = LlamaCppModel.load(parameters())) {
            first = single.tokenize(chat("hello there"), true, true);
            second = single.tokenize(chat("what is the weather like"), true, true);
            try (Generation generation = single.generate(second, SamplerParameters.greedy(), REPLY)) {
                expected = generation.remaining();
            }
        }
        int shared = 0;
        while (shared < Math.min(first.length, second.length) - 1 && first[shared] == second[shared]) {
            shared++;
        }
        assertThat(shared).isGreaterThanOrEqualTo(SequenceCache.MIN_SHARED);
        try (LlamaCppModel model = LlamaCppModel.load(parameters(), 2);
                BatchScheduler scheduler = new BatchScheduler(model, "test-host-kv", BUDGET)) {
            BatchSchedulerTest.readAll(scheduler.submit(first, SamplerParameters.greedy(), REPLY, NO_ADAPTERS));
            evictWithTwoOthers(model, scheduler, NO_ADAPTERS); // no sequence holds the system prompt now

            ScheduledReply reply = scheduler.submit(second, SamplerParameters.greedy(), REPLY, NO_ADAPTERS);

            assertThat(BatchSchedulerTest.readAll(reply)).containsExactly(expected);
            assertThat(reply.promptTokensDecoded()).isEqualTo(second.length - shared);
            assertThat(scheduler.cacheCounters().hostHits()).isOne();
            assertThat(scheduler.cacheCounters().prefixHits()).isZero();
        }
    }

    @Test
    void save_aConversationThatKeptAStoredOnesTurnsReplacesIt_oneThatPartsBeforeThemDoesNot() {
        try (LlamaCppModel model = LlamaCppModel.load(parameters(), 2)) {
            BatchDecoder decoder = model.batchDecoder();
            HostKvStore store = new HostKvStore(decoder, BUDGET);
            // Qwen3's way: the first turn's reply opened with an empty think block the next renders without
            int[] turns = model.tokenize(chat("tell me about apples"), true, true);
            int[] first = concat(turns, model.tokenize("<think>\n\n</think>\n\n", false, true));
            int[] next = concat(turns, model.tokenize("Apples are round.<|im_end|>\n<|im_start|>user\nand pears?", false, true));
            int[] other = model.tokenize(chat("tell me about boats"), true, true);
            store.save(0, first, decodeInto(decoder, first), turns.length, NO_ADAPTERS);

            store.save(0, next, decodeInto(decoder, next), next.length, NO_ADAPTERS);

            long nextBytes = decoder.stateSize(0) + 4L * next.length;
            assertThat(store.bytesHeld()).as("the first turn's entry went").isEqualTo(nextBytes);
            store.save(0, other, decodeInto(decoder, other), other.length, NO_ADAPTERS);
            assertThat(store.bytesHeld()).as("the same persona only: both kept").isEqualTo(nextBytes + decoder.stateSize(0) + 4L * other.length);
        }
    }

    /** Makes sequence 0 hold exactly {@code tokens}; how many that is. */
    private static int decodeInto(BatchDecoder decoder, int[] tokens) {
        decoder.forget(0, 0);
        TokenBatch batch = new TokenBatch(decoder.batchSize());
        for (int start = 0; start < tokens.length; start += decoder.batchSize()) {
            batch.clear();
            int end = Math.min(tokens.length, start + decoder.batchSize());
            for (int i = start; i < end; i++) {
                batch.add(tokens[i], i, 0, i == tokens.length - 1);
            }
            assertThat(decoder.decode(batch, NO_ADAPTERS)).isEqualTo(BatchDecoder.Outcome.DECODED);
        }
        return tokens.length;
    }

    private static String chat(String user) {
        return "<|im_start|>system\nYou are Parley, a friendly assistant for a chat server. Answer in short plain sentences"
                + " and never use mentions or links.<|im_end|>\n<|im_start|>user\n" + user + "<|im_end|>\n<|im_start|>assistant\n";
    }

    @Test
    void submit_withABudgetOfZeroAnEvictedConversationIsDecodedAgain() {
        Conversation a = conversation(NO_ADAPTERS);
        try (LlamaCppModel model = LlamaCppModel.load(parameters(), 2);
                BatchScheduler scheduler = new BatchScheduler(model, "test-host-kv", 0)) {
            BatchSchedulerTest.readAll(scheduler.submit(a.firstTurn(), SamplerParameters.greedy(), REPLY, NO_ADAPTERS));
            evictWithTwoOthers(model, scheduler, NO_ADAPTERS);

            ScheduledReply next = scheduler.submit(a.secondTurn(), SamplerParameters.greedy(), REPLY, NO_ADAPTERS);
            BatchSchedulerTest.readAll(next);

            assertThat(next.promptTokensDecoded()).isEqualTo(a.secondTurn().length);
            CacheCounters counters = scheduler.cacheCounters();
            assertThat(List.of(counters.hostHits(), counters.hostBytes(), counters.hostEvictions())).containsExactly(0L, 0L, 0L);
        }
    }

    @Test
    void submit_aConversationLargerThanTheBudgetIsNotStored() {
        Conversation a = conversation(NO_ADAPTERS);
        try (LlamaCppModel model = LlamaCppModel.load(parameters(), 2);
                BatchScheduler scheduler = new BatchScheduler(model, "test-host-kv", 4096)) {
            BatchSchedulerTest.readAll(scheduler.submit(a.firstTurn(), SamplerParameters.greedy(), REPLY, NO_ADAPTERS));
            evictWithTwoOthers(model, scheduler, NO_ADAPTERS);
            assertThat(scheduler.cacheCounters().hostBytes()).isZero();

            ScheduledReply next = scheduler.submit(a.secondTurn(), SamplerParameters.greedy(), REPLY, NO_ADAPTERS);
            BatchSchedulerTest.readAll(next);

            assertThat(next.promptTokensDecoded()).isEqualTo(a.secondTurn().length);
            assertThat(scheduler.cacheCounters().hostHits()).isZero();
        }
    }

    @Test
    void submit_aStoredConversationIsRestoredOnlyUnderTheAdapterScalesItWasDecodedWith() {
        float[] full = {1f};
        float[] half = {0.5f};
        Conversation a = conversation(full);
        try (LlamaCppModel model = LlamaCppModel.load(parameters(), 2)) {
            model.loadLoraAdapter(adapter);
            try (BatchScheduler scheduler = new BatchScheduler(model, "test-host-kv", BUDGET)) {
                BatchSchedulerTest.readAll(scheduler.submit(a.firstTurn(), SamplerParameters.greedy(), REPLY, full));
                evictWithTwoOthers(model, scheduler, full);

                ScheduledReply otherScales = scheduler.submit(a.secondTurn(), SamplerParameters.greedy(), REPLY, half);
                BatchSchedulerTest.readAll(otherScales);
                ScheduledReply sameScales = scheduler.submit(a.secondTurn(), SamplerParameters.greedy(), REPLY, full);
                BatchSchedulerTest.readAll(sameScales);

                assertThat(otherScales.promptTokensDecoded()).isEqualTo(a.secondTurn().length);
                assertThat(sameScales.promptTokensDecoded()).isEqualTo(a.newTokens());
                assertThat(scheduler.cacheCounters().hostHits()).isOne();
            }
        }
    }

    @Test
    void submit_beyondTheBudgetTheLeastRecentlyUsedConversationIsDropped() {
        Conversation a = conversation(NO_ADAPTERS);
        long oneConversation;
        try (LlamaCppModel model = LlamaCppModel.load(parameters(), 2);
                BatchScheduler probe = new BatchScheduler(model, "test-host-kv", BUDGET)) {
            BatchSchedulerTest.readAll(probe.submit(a.firstTurn(), SamplerParameters.greedy(), REPLY, NO_ADAPTERS));
            evictWithTwoOthers(model, probe, NO_ADAPTERS);
            oneConversation = probe.cacheCounters().hostBytes();
        }
        // room for one stored conversation of about this size, not two
        try (LlamaCppModel model = LlamaCppModel.load(parameters(), 2);
                BatchScheduler scheduler = new BatchScheduler(model, "test-host-kv", oneConversation * 3 / 2)) {
            BatchSchedulerTest.readAll(scheduler.submit(a.firstTurn(), SamplerParameters.greedy(), REPLY, NO_ADAPTERS));
            evictWithTwoOthers(model, scheduler, NO_ADAPTERS); // a stored
            evictWithTwoOthers(model, scheduler, NO_ADAPTERS, "deserts and dunes", "engines and gears"); // a dropped

            ScheduledReply next = scheduler.submit(a.secondTurn(), SamplerParameters.greedy(), REPLY, NO_ADAPTERS);
            BatchSchedulerTest.readAll(next);

            assertThat(next.promptTokensDecoded()).isEqualTo(a.secondTurn().length);
            assertThat(scheduler.cacheCounters().hostEvictions()).isPositive();
            assertThat(scheduler.cacheCounters().hostBytes()).isLessThanOrEqualTo(oneConversation * 3 / 2);
        }
    }

    /**
     * Two sequences: two other conversations after the one before take both, evicting it. Raw
     * text without a start token: they share no opening with it, which a sequence would keep.
     */
    private static void evictWithTwoOthers(LlamaCppModel model, BatchScheduler scheduler, float[] scales) {
        evictWithTwoOthers(model, scheduler, scales, "boats and rivers", "clouds and rain");
    }

    private static void evictWithTwoOthers(LlamaCppModel model, BatchScheduler scheduler, float[] scales, String... topics) {
        for (String topic : topics) {
            int[] prompt = model.tokenize("Let us talk about " + topic + " for a while, and then about other things.", false, false);
            BatchSchedulerTest.readAll(scheduler.submit(prompt, SamplerParameters.greedy(), REPLY, scales));
        }
    }

    /**
     * A conversation's first turn, its greedy reply under {@code scales} (a model of one sequence,
     * alone) and the second turn that continues both.
     */
    private static Conversation conversation(float[] scales) {
        try (LlamaCppModel single = LlamaCppModel.load(parameters())) {
            if (scales.length > 0) {
                single.loadLoraAdapter(adapter);
            }
            int[] first = single.tokenize("<|im_start|>user\ntell me about apples please<|im_end|>\n<|im_start|>assistant\n",
                    true, true);
            int[] reply;
            try (Generation generation = single.generate(first, SamplerParameters.greedy(), REPLY, scales)) {
                reply = generation.remaining();
            }
            int[] more = single.tokenize("<|im_end|>\n<|im_start|>user\nand what else<|im_end|>\n<|im_start|>assistant\n", false, true);
            return new Conversation(first, reply, concat(first, reply, more));
        }
    }

    /** A conversation's first turn, its reply and the second turn that continues both. */
    private record Conversation(int[] firstTurn, int[] reply, int[] secondTurn) {

        /** Tokens its sequence held after the first turn: the reply's last was sampled, never decoded. */
        int held() {
            return firstTurn.length + reply.length - 1;
        }

        int newTokens() {
            return secondTurn.length - held();
        }
    }


    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    private static ModelParameters parameters() {
        return new ModelParameters(file, 256, 64, 1, 0);
    }
}
