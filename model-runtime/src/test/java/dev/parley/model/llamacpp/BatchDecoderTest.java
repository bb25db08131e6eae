package dev.parley.model.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several sequences of one context decoded in one batch give each the tokens it gets alone. */
class BatchDecoderTest {

    private static final int REPLY = 16;
    private static final float[] NO_ADAPTERS = new float[0];

    @TempDir
    static Path files;

    private static Path file;
    private static LlamaCppModel batched;

    @BeforeAll
    static void load() throws IOException {
        file = TinyModelFiles.writeModel(files);
        batched = LlamaCppModel.load(parameters(), 4);
    }

    @AfterAll
    static void close() {
        if (batched != null) {
            batched.close();
        }
    }

    @Test
    void decode_greedyRepliesInOneBatchOfFourEqualEachDecodedAlone() {
        List<int[]> prompts = new ArrayList<>();
        for (String text : List.of("hello there", "what is the weather like today in the north", "a", "tell me a story")) {
            prompts.add(batched.tokenize(text, true, false));
        }
        List<int[]> alone = new ArrayList<>();
        try (LlamaCppModel single = LlamaCppModel.load(parameters())) {
            for (int[] prompt : prompts) {
                try (Generation generation = single.generate(prompt, SamplerParameters.greedy(), REPLY)) {
                    alone.add(generation.remaining());
                }
            }
        }

        List<int[]> together = generateTogether(batched.batchDecoder(), prompts);

        for (int i = 0; i < prompts.size(); i++) {
            assertThat(together.get(i)).as("prompt %d", i).hasSize(REPLY).containsExactly(alone.get(i));
        }
    }

    @Test
    void copy_sharesADecodedStartThatEachSequenceThenContinues() {
        BatchDecoder decoder = batched.batchDecoder();
        int[] prompt = batched.tokenize("a system prompt shared by every conversation of a persona", true, false);
        List<int[]> expected = generateTogether(decoder, List.of(prompt));
        for (int sequence = 0; sequence < 4; sequence++) {
            decoder.forget(sequence, 0);
        }
        TokenBatch batch = new TokenBatch(decoder.batchSize());
        for (int i = 0; i < prompt.length - 1; i++) {
            batch.add(prompt[i], i, 0, false);
        }
        assertThat(decoder.decode(batch, NO_ADAPTERS)).isEqualTo(BatchDecoder.Outcome.DECODED);

        decoder.copy(0, 2);
        int last = prompt.length - 1;
        batch.clear();
        batch.add(prompt[last], last, 0, true);
        batch.add(prompt[last], last, 2, true);
        assertThat(decoder.decode(batch, NO_ADAPTERS)).isEqualTo(BatchDecoder.Outcome.DECODED);

        try (Sampler first = Sampler.of(SamplerParameters.greedy()); Sampler second = Sampler.of(SamplerParameters.greedy())) {
            assertThat(decoder.sample(second, 1)).isEqualTo(decoder.sample(first, 0)).isEqualTo(expected.getFirst()[0]);
        }
    }

    @Test
    void copyPrefix_givesASequenceTheStartOfAnotherThatHoldsMore_andItContinuesAsIfDecodedAlone() {
        BatchDecoder decoder = batched.batchDecoder();
        int[] prompt = batched.tokenize("a system prompt shared by every conversation of a persona", true, false);
        int[] longer = batched.tokenize("a system prompt shared by every conversation of a persona, and a question", true, false);
        int shared = prompt.length - 1;
        assertThat(Arrays.copyOf(longer, shared)).containsExactly(Arrays.copyOf(prompt, shared));
        List<int[]> expected = generateTogether(decoder, List.of(prompt));
        for (int sequence = 0; sequence < 4; sequence++) {
            decoder.forget(sequence, 0);
        }
        TokenBatch batch = new TokenBatch(decoder.batchSize());
        for (int i = 0; i < longer.length; i++) {
            batch.add(longer[i], i, 1, false);
        }
        assertThat(decoder.decode(batch, NO_ADAPTERS)).isEqualTo(BatchDecoder.Outcome.DECODED);

        assertThat(decoder.copyPrefix(1, 3, shared)).isTrue();

        // position `shared` continues sequence 3 only if the rest of sequence 1 was forgotten there
        batch.clear();
        batch.add(prompt[shared], shared, 3, true);
        assertThat(decoder.decode(batch, NO_ADAPTERS)).isEqualTo(BatchDecoder.Outcome.DECODED);
        try (Sampler sampler = Sampler.of(SamplerParameters.greedy())) {
            assertThat(decoder.sample(sampler, 0)).isEqualTo(expected.getFirst()[0]);
        }
    }

    @Test
    void decode_refusesEntriesOutsideTheModelInJava() {
        BatchDecoder decoder = batched.batchDecoder();
        TokenBatch batch = new TokenBatch(4);

        batch.add(1, 0, 4, true);
        assertThatThrownBy(() -> decoder.decode(batch, NO_ADAPTERS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sequence 4");
        batch.clear();
        batch.add(batched.vocabSize(), 0, 0, true);
        assertThatThrownBy(() -> decoder.decode(batch, NO_ADAPTERS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vocabulary");
        batch.clear();
        batch.add(1, decoder.contextSize(), 0, true);
        assertThatThrownBy(() -> decoder.decode(batch, NO_ADAPTERS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beyond the context");
        batch.clear();
        assertThatThrownBy(() -> decoder.decode(batch, NO_ADAPTERS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decoder.decode(batch, new float[] {0.5f})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decoder.copy(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decoder.copyPrefix(1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decoder.copyPrefix(0, 4, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decoder.copyPrefix(0, 1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decoder.copyPrefix(0, 1, decoder.contextSize() + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decoder.forget(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.add(1, -1, 0, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decode_positionThatDoesNotContinueItsSequenceIsALlamaCppException() {
        BatchDecoder decoder = batched.batchDecoder();
        decoder.forget(3, 0);
        TokenBatch batch = new TokenBatch(4);
        batch.add(1, 0, 3, true);
        decoder.decode(batch, NO_ADAPTERS);
        batch.clear();
        batch.add(1, 5, 3, true);

        assertThatThrownBy(() -> decoder.decode(batch, NO_ADAPTERS)).isInstanceOf(LlamaCppException.class);
        decoder.forget(3, 0);
        batch.clear();
        batch.add(1, 0, 3, true);
        assertThat(decoder.decode(batch, NO_ADAPTERS)).isEqualTo(BatchDecoder.Outcome.DECODED);
    }

    @Test
    void sample_refusesAnEntryThatKeptNoLogits() {
        BatchDecoder decoder = batched.batchDecoder();
        decoder.forget(1, 0);
        TokenBatch batch = new TokenBatch(4);
        batch.add(1, 0, 1, false);
        batch.add(2, 1, 1, true);
        decoder.decode(batch, NO_ADAPTERS);

        try (Sampler sampler = Sampler.of(SamplerParameters.greedy())) {
            assertThatThrownBy(() -> decoder.sample(sampler, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> decoder.sample(sampler, 2)).isInstanceOf(IllegalArgumentException.class);
            assertThat(decoder.sample(sampler, 1)).isBetween(0, batched.vocabSize() - 1);
        }
    }

    @Test
    void generate_isRefusedOnAContextOfSeveralSequences() {
        assertThatThrownBy(() -> batched.generate(new int[] {1, 2}, SamplerParameters.greedy(), 2))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("batch decoder");
    }

    /** Greedy replies of {@link #REPLY} tokens, prompt i in sequence i, every step one batch. */
    private static List<int[]> generateTogether(BatchDecoder decoder, List<int[]> prompts) {
        TokenBatch batch = new TokenBatch(decoder.batchSize());
        int[] logitsAt = new int[prompts.size()];
        for (int s = 0; s < prompts.size(); s++) {
            decoder.forget(s, 0);
            int[] prompt = prompts.get(s);
            for (int i = 0; i < prompt.length; i++) {
                int index = batch.add(prompt[i], i, s, i == prompt.length - 1);
                logitsAt[s] = index;
            }
        }
        List<int[]> replies = new ArrayList<>();
        List<Sampler> samplers = new ArrayList<>();
        for (int s = 0; s < prompts.size(); s++) {
            replies.add(new int[REPLY]);
            samplers.add(Sampler.of(SamplerParameters.greedy()));
        }
        try {
            for (int step = 0; step < REPLY; step++) {
                assertThat(decoder.decode(batch, NO_ADAPTERS)).isEqualTo(BatchDecoder.Outcome.DECODED);
                int[] next = new int[prompts.size()];
                for (int s = 0; s < prompts.size(); s++) {
                    next[s] = decoder.sample(samplers.get(s), logitsAt[s]);
                    replies.get(s)[step] = next[s];
                }
                batch.clear();
                for (int s = 0; s < prompts.size(); s++) {
                    logitsAt[s] = batch.add(next[s], prompts.get(s).length + step, s, true);
                }
            }
        } finally {
            samplers.forEach(Sampler::close);
        }
        return replies.stream().map(reply -> Arrays.copyOf(reply, reply.length)).toList();
    }

    private static ModelParameters parameters() {
        return ModelParameters.of(file).withContextSize(256).withThreads(1);
    }
}
