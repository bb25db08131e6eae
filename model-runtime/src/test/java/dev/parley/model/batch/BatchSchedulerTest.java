package dev.parley.model.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.model.llamacpp.Generation;
import dev.parley.model.llamacpp.LlamaCppModel;
import dev.parley.model.llamacpp.ModelParameters;
import dev.parley.model.llamacpp.ReplyTokens;
import dev.parley.model.llamacpp.SamplerParameters;
import dev.parley.model.llamacpp.StopReason;
import dev.parley.model.llamacpp.TinyModelFiles;
import dev.parley.model.stats.CacheCounters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The decode thread batches every active reply, lets cancelled ones go at once, and keeps conversations in their sequences. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BatchSchedulerTest {

    private static final float[] NO_ADAPTERS = new float[0];

    @TempDir
    static Path files;

    private static Path file;

    @BeforeAll
    static void writeModel() throws IOException {
        file = TinyModelFiles.writeModel(files);
    }

    @Test
    void submit_fourRepliesAtOnceEachGetTheGreedyTokensTheyGetAlone() throws Exception {
        List<int[]> prompts = new ArrayList<>();
        List<int[]> alone = new ArrayList<>();
        try (LlamaCppModel single = LlamaCppModel.load(parameters(64))) {
            for (String text : List.of("hello there", "what is the weather like today in the north and in the south",
                    "a", "tell me a story about a bot")) {
                int[] prompt = single.tokenize(text, true, false);
                prompts.add(prompt);
                try (Generation generation = single.generate(prompt, SamplerParameters.greedy(), 24)) {
                    alone.add(generation.remaining());
                }
            }
        }
        // batches of 8 tokens: the longer prompts are read in chunks beside the others' replies
        try (LlamaCppModel model = LlamaCppModel.load(parameters(8), 4); BatchScheduler scheduler = new BatchScheduler(model, "test-batch")) {
            List<CompletableFuture<int[]>> replies = new ArrayList<>();
            for (int[] prompt : prompts) {
                ScheduledReply reply = scheduler.submit(prompt, SamplerParameters.greedy(), 24, NO_ADAPTERS);
                replies.add(CompletableFuture.supplyAsync(() -> readAll(reply)));
            }

            for (int i = 0; i < prompts.size(); i++) {
                assertThat(replies.get(i).get()).as("prompt %d", i).hasSize(24).containsExactly(alone.get(i));
            }
        }
    }

    @Test
    void cancel_endsThatReplyAtOnceWhileTheOthersRunToTheirLimit() throws Exception {
        try (LlamaCppModel model = LlamaCppModel.load(parameters(64), 3); BatchScheduler scheduler = new BatchScheduler(model, "test-batch")) {
            int[] prompt = model.tokenize("hello there", true, false);
            ScheduledReply cancelled = scheduler.submit(prompt, SamplerParameters.greedy(), 200, NO_ADAPTERS);
            ScheduledReply first = scheduler.submit(prompt, SamplerParameters.seeded(0.8f, 1), 40, NO_ADAPTERS);
            ScheduledReply second = scheduler.submit(prompt, SamplerParameters.seeded(0.8f, 2), 40, NO_ADAPTERS);
            assertThat(cancelled.next()).isNotEqualTo(ReplyTokens.END);

            cancelled.cancel();

            assertThat(cancelled.next()).isEqualTo(ReplyTokens.END);
            assertThat(cancelled.stopReason()).contains(StopReason.CANCELLED);
            assertThat(readAll(first)).hasSize(40);
            assertThat(readAll(second)).hasSize(40);
            assertThat(first.stopReason()).contains(StopReason.TOKEN_LIMIT);
        }
    }

    @Test
    void cancel_ofTheOnlyReplyBeingDecodedAbortsThatDecodeAndTheSequenceServesTheNextReply() {
        int[] next;
        int[] expected;
        try (LlamaCppModel single = LlamaCppModel.load(parameters(64))) {
            next = single.tokenize("good morning", true, false);
            try (Generation generation = single.generate(next, SamplerParameters.greedy(), 12)) {
                expected = generation.remaining();
            }
        }
        try (LlamaCppModel model = LlamaCppModel.load(parameters(64), 1); BatchScheduler scheduler = new BatchScheduler(model, "test-batch")) {
            int[] longPrompt = model.tokenize("hello world ".repeat(60), true, false);
            ScheduledReply cancelled = scheduler.submit(longPrompt, SamplerParameters.greedy(), 50, NO_ADAPTERS);
            assertThat(cancelled.next()).isNotEqualTo(ReplyTokens.END);

            cancelled.cancel(); // the decode thread is decoding this reply's next token, alone

            assertThat(cancelled.next()).isEqualTo(ReplyTokens.END);
            assertThat(readAll(scheduler.submit(next, SamplerParameters.greedy(), 12, NO_ADAPTERS))).containsExactly(expected);
        }
    }

    @Test
    void submit_moreRepliesThanSequencesWaitTheirTurnAndAllComplete() throws Exception {
        try (LlamaCppModel model = LlamaCppModel.load(parameters(64), 2); BatchScheduler scheduler = new BatchScheduler(model, "test-batch")) {
            List<ScheduledReply> replies = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                replies.add(scheduler.submit(model.tokenize("question number " + i, true, false), SamplerParameters.greedy(), 6,
                        NO_ADAPTERS));
            }

            for (ScheduledReply reply : replies) {
                assertThat(readAll(reply)).hasSize(6);
            }
        }
    }

    @Test
    void submit_theNextTurnOfAConversationDecodesOnlyWhatIsNew() {
        try (LlamaCppModel model = LlamaCppModel.load(parameters(64), 2); BatchScheduler scheduler = new BatchScheduler(model, "test-batch")) {
            int[] firstTurn = model.tokenize("<|im_start|>user\nhello there<|im_end|>\n<|im_start|>assistant\n", true, true);
            ScheduledReply first = scheduler.submit(firstTurn, SamplerParameters.greedy(), 8, NO_ADAPTERS);
            int[] reply = readAll(first);
            int[] secondTurn = concat(firstTurn, reply, model.tokenize("<|im_end|>\n<|im_start|>user\nand again<|im_end|>\n", false, true));

            ScheduledReply second = scheduler.submit(secondTurn, SamplerParameters.greedy(), 8, NO_ADAPTERS);
            readAll(second);

            assertThat(first.promptTokensDecoded()).isEqualTo(firstTurn.length);
            // the reply's last token was sampled, never decoded: the next turn decodes it
            assertThat(second.promptTokensDecoded()).isEqualTo(secondTurn.length - firstTurn.length - reply.length + 1);
            assertThat(scheduler.cacheCounters()).isEqualTo(new CacheCounters(1, 1, 0, 0, secondTurn.length - second.promptTokensDecoded()));
        }
    }

    @Test
    void submit_aNextTurnThatPartsInTheReplysOpeningContinuesItsOwnSequenceFromThere() {
        // Qwen3's template: the reply opens with an empty think block the next turn renders without
        int[] opening = tokensOf("<|im_start|>assistant\n<think>\n\n</think>\n\n", false);
        int[] turns = tokensOf("<|im_start|>system\n" + PERSONA + "<|im_end|>\n<|im_start|>user\nhello there<|im_end|>\n", true);
        int[] firstTurn = concat(turns, opening);
        int[] other = tokensOf(chat(PERSONA, "what is the weather like"), true);
        try (LlamaCppModel model = LlamaCppModel.load(parameters(64), 2); BatchScheduler scheduler = new BatchScheduler(model, "test-batch")) {
            readAll(scheduler.submit(other, SamplerParameters.greedy(), 8, NO_ADAPTERS));
            int[] reply = readAll(scheduler.submit(firstTurn, SamplerParameters.greedy(), 8, NO_ADAPTERS, turns.length));
            int[] secondTurn = concat(turns, model.tokenize("<|im_start|>assistant\n", false, true), reply,
                    model.tokenize("<|im_end|>\n<|im_start|>user\nand again<|im_end|>\n", false, true), opening);
            CacheCounters before = scheduler.cacheCounters();

            ScheduledReply second = scheduler.submit(secondTurn, SamplerParameters.greedy(), 8, NO_ADAPTERS,
                    secondTurn.length - opening.length);

            assertThat(readAll(second)).containsExactly(alone(secondTurn, 8));
            int shared = commonPrefix(firstTurn, secondTurn);
            assertThat(shared).isGreaterThanOrEqualTo(turns.length).isLessThan(firstTurn.length);
            assertThat(second.promptTokensDecoded()).isEqualTo(secondTurn.length - shared);
            // a hit in its own sequence: nothing copied, the other conversation not evicted
            assertThat(scheduler.cacheCounters()).isEqualTo(new CacheCounters(before.hits() + 1, before.misses(), 0,
                    before.prefixHits(), before.tokensReused() + shared));
            ScheduledReply otherAgain = scheduler.submit(other, SamplerParameters.greedy(), 8, NO_ADAPTERS);
            readAll(otherAgain);
            assertThat(otherAgain.promptTokensDecoded()).isOne();
        }
    }

    @Test
    void submit_aThirdConversationOnTwoSequencesEvictsTheLeastRecentlyUsed() {
        try (LlamaCppModel model = LlamaCppModel.load(parameters(64), 2); BatchScheduler scheduler = new BatchScheduler(model, "test-batch")) {
            int[] a = model.tokenize("conversation a about apples", true, false);
            int[] b = model.tokenize("conversation b about boats", true, false);
            int[] c = model.tokenize("conversation c about clouds", true, false);
            readAll(scheduler.submit(a, SamplerParameters.greedy(), 4, NO_ADAPTERS));
            readAll(scheduler.submit(b, SamplerParameters.greedy(), 4, NO_ADAPTERS));
            readAll(scheduler.submit(a, SamplerParameters.greedy(), 4, NO_ADAPTERS)); // a is used again: b is the oldest

            readAll(scheduler.submit(c, SamplerParameters.greedy(), 4, NO_ADAPTERS)); // evicts b
            ScheduledReply aAgain = scheduler.submit(a, SamplerParameters.greedy(), 4, NO_ADAPTERS);
            readAll(aAgain);

            assertThat(aAgain.promptTokensDecoded()).isOne();
            CacheCounters counters = scheduler.cacheCounters();
            assertThat(List.of(counters.hits(), counters.misses(), counters.evictions(), counters.prefixHits()))
                    .containsExactly(2L, 3L, 1L, 0L); // the three share too short an opening to copy
        }
    }

    @Test
    void submit_aSecondConversationWithTheSameSystemPromptDecodesOnlyItsOwnTokens() {
        int[] first;
        int[] second;
        int[] expected;
        try (LlamaCppModel single = LlamaCppModel.load(parameters(64))) {
            first = single.tokenize(chat(PERSONA, "hello there"), true, true);
            second = single.tokenize(chat(PERSONA, "what is the weather like"), true, true);
            try (Generation generation = single.generate(second, SamplerParameters.greedy(), 12)) {
                expected = generation.remaining();
            }
        }
        int shared = commonPrefix(first, second);
        assertThat(shared).isGreaterThanOrEqualTo(SequenceCache.MIN_SHARED);
        try (LlamaCppModel model = LlamaCppModel.load(parameters(64), 2); BatchScheduler scheduler = new BatchScheduler(model, "test-batch")) {
            readAll(scheduler.submit(first, SamplerParameters.greedy(), 12, NO_ADAPTERS));

            ScheduledReply reply = scheduler.submit(second, SamplerParameters.greedy(), 12, NO_ADAPTERS);

            assertThat(readAll(reply)).containsExactly(expected);
            assertThat(reply.promptTokensDecoded()).isEqualTo(second.length - shared);
            assertThat(scheduler.cacheCounters()).isEqualTo(new CacheCounters(0, 2, 0, 1, shared));
        }
    }

    @Test
    void submit_aSystemPromptIsCopiedFromAConversationStillGeneratingWhichGoesOnUnchanged() throws Exception {
        int[] first;
        int[] second;
        int[] firstAlone;
        int[] secondAlone;
        SamplerParameters seeded = SamplerParameters.seeded(0.8f, 7);
        try (LlamaCppModel single = LlamaCppModel.load(parameters(64))) {
            first = single.tokenize(chat(PERSONA, "tell me a long story"), true, true);
            second = single.tokenize(chat(PERSONA, "a short one"), true, true);
            try (Generation generation = single.generate(first, SamplerParameters.greedy(), 40)) {
                firstAlone = generation.remaining();
            }
            try (Generation generation = single.generate(second, seeded, 12)) {
                secondAlone = generation.remaining();
            }
        }
        try (LlamaCppModel model = LlamaCppModel.load(parameters(64), 2); BatchScheduler scheduler = new BatchScheduler(model, "test-batch")) {
            ScheduledReply running = scheduler.submit(first, SamplerParameters.greedy(), 40, NO_ADAPTERS);
            int firstToken = running.next(); // its prompt is decoded: the system prompt is in its sequence
            CompletableFuture<int[]> rest = CompletableFuture.supplyAsync(() -> readAll(running));

            ScheduledReply reply = scheduler.submit(second, seeded, 12, NO_ADAPTERS);

            assertThat(readAll(reply)).containsExactly(secondAlone);
            assertThat(reply.promptTokensDecoded()).isEqualTo(second.length - commonPrefix(first, second));
            assertThat(concat(new int[] {firstToken}, rest.get())).containsExactly(firstAlone);
            assertThat(scheduler.cacheCounters().prefixHits()).isOne();
        }
    }

    @Test
    void submit_aSharedOpeningShorterThanASystemPromptIsNotCopied() {
        try (LlamaCppModel model = LlamaCppModel.load(parameters(64), 2); BatchScheduler scheduler = new BatchScheduler(model, "test-batch")) {
            int[] first = model.tokenize("hello there, how are you", true, false);
            int[] second = model.tokenize("hello world, nice to see you", true, false);
            readAll(scheduler.submit(first, SamplerParameters.greedy(), 4, NO_ADAPTERS));

            ScheduledReply reply = scheduler.submit(second, SamplerParameters.greedy(), 4, NO_ADAPTERS);
            readAll(reply);

            assertThat(commonPrefix(first, second)).isLessThan(SequenceCache.MIN_SHARED);
            assertThat(reply.promptTokensDecoded()).isEqualTo(second.length); // an empty sequence, nothing copied
            assertThat(scheduler.cacheCounters().prefixHits()).isZero();
        }
    }

    @Test
    void close_endsWaitingRepliesAndRefusesNewOnes() {
        try (LlamaCppModel model = LlamaCppModel.load(parameters(64), 1)) {
            BatchScheduler scheduler = new BatchScheduler(model, "test-batch");
            int[] prompt = model.tokenize("hello", true, false);
            ScheduledReply running = scheduler.submit(prompt, SamplerParameters.greedy(), 200, NO_ADAPTERS);
            ScheduledReply waiting = scheduler.submit(prompt, SamplerParameters.greedy(), 200, NO_ADAPTERS);

            scheduler.close();
            scheduler.close();

            readAll(running);
            assertThat(waiting.next()).isEqualTo(ReplyTokens.END);
            assertThat(waiting.stopReason()).contains(StopReason.CANCELLED);
            assertThatThrownBy(() -> scheduler.submit(prompt, SamplerParameters.greedy(), 2, NO_ADAPTERS))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void submit_checksItsArguments() {
        try (LlamaCppModel model = LlamaCppModel.load(parameters(64), 1); BatchScheduler scheduler = new BatchScheduler(model, "test-batch")) {
            assertThatThrownBy(() -> scheduler.submit(new int[0], SamplerParameters.greedy(), 2, NO_ADAPTERS))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> scheduler.submit(new int[] {1}, SamplerParameters.greedy(), 0, NO_ADAPTERS))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> scheduler.submit(new int[] {1, 2}, SamplerParameters.greedy(), 2, NO_ADAPTERS, 3))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> scheduler.submit(new int[] {1, 2}, SamplerParameters.greedy(), 2, NO_ADAPTERS, -1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> scheduler.submit(new int[] {1}, SamplerParameters.greedy(), 2, new float[] {Float.NaN}))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> scheduler.submit(new int[model.contextSize()], SamplerParameters.greedy(), 2, NO_ADAPTERS))
                    .hasMessageContaining("does not fit");
        }
    }

    /** Every token of {@code reply}, until it ends; {@code HostKvStoreTest} reads replies the same way. */
    static int[] readAll(ReplyTokens reply) {
        int[] tokens = new int[0];
        for (int token = reply.next(); token != ReplyTokens.END; token = reply.next()) {
            tokens = Arrays.copyOf(tokens, tokens.length + 1);
            tokens[tokens.length - 1] = token;
        }
        return tokens;
    }

    private static final String PERSONA = "You are Parley, a friendly assistant for a chat server. Answer in short plain sentences"
            + " and never use mentions or links in what you write.";

    private static String chat(String system, String user) {
        return "<|im_start|>system\n" + system + "<|im_end|>\n<|im_start|>user\n" + user + "<|im_end|>\n<|im_start|>assistant\n";
    }

    private static int[] tokensOf(String text, boolean withStart) {
        try (LlamaCppModel single = LlamaCppModel.load(parameters(64))) {
            return single.tokenize(text, withStart, true);
        }
    }

    /** The greedy reply of a model that decodes the whole {@code prompt}. */
    private static int[] alone(int[] prompt, int tokens) {
        try (LlamaCppModel single = LlamaCppModel.load(parameters(64)); Generation generation = single.generate(prompt,
                SamplerParameters.greedy(), tokens)) {
            return generation.remaining();
        }
    }

    private static int commonPrefix(int[] a, int[] b) {
        int same = 0;
        while (same < Math.min(a.length, b.length) - 1 && a[same] == b[same]) {
            same++;
        }
        return same;
    }

    static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    private static ModelParameters parameters(int batchSize) {
        return new ModelParameters(file, 256, batchSize, 1, 0);
    }
}
