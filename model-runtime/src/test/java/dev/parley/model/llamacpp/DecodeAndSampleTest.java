package dev.parley.model.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One native call a step decodes a batch and samples its replies (issue #16): the same greedy
 * tokens as a decode followed by a sample and an end check per reply, which take three.
 */
class DecodeAndSampleTest {

    private static final int REPLY = 12;
    private static final float[] NO_ADAPTERS = new float[0];

    @TempDir
    Path files;

    @Test
    void decodeAndSample_givesTheTokensOfDecodeThenSampleInOneNativeCallAStep() throws IOException {
        Path file = TinyModelFiles.writeModel(files);
        try (LlamaCppModel model = LlamaCppModel.load(ModelParameters.of(file).withContextSize(256).withThreads(1), 3)) {
            List<int[]> prompts = new ArrayList<>();
            for (String text : List.of("hello there", "what is the weather like today", "a")) {
                prompts.add(model.tokenize(text, true, false));
            }
            BatchDecoder decoder = model.batchDecoder();
            List<int[]> separate = generate(decoder, prompts, false, new ArrayList<>());
            long callsBefore = decoder.nativeCalls();
            List<Boolean> ends = new ArrayList<>();
            List<int[]> together = generate(decoder, prompts, true, ends);
            long calls = decoder.nativeCalls() - callsBefore;

            for (int s = 0; s < prompts.size(); s++) {
                assertThat(together.get(s)).as("sequence %d", s).containsExactly(separate.get(s));
            }
            // a decode and, in the same call, the three samples and end checks, every step
            assertThat(calls).isEqualTo(REPLY);
            for (int i = 0; i < ends.size(); i++) {
                int token = together.get(i % prompts.size())[i / prompts.size()];
                assertThat(ends.get(i)).as("token %d", token).isEqualTo(decoder.isEndOfGeneration(token));
            }
        }
    }

    @Test
    void tokenBatch_readsAnEndOfGenerationAsItsTokenAndRefusesEntriesWithoutASampler() {
        TokenBatch batch = new TokenBatch(4);
        batch.add(7, 0, 0, true);
        assertThatThrownBy(() -> batch.sampledToken(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.endsGeneration(1)).isInstanceOf(IllegalArgumentException.class);
        batch.samplers()[0] = 1; // as add(token, position, sequence, sampler) sets it
        batch.sampled()[0] = ~2;
        assertThat(batch.sampledToken(0)).isEqualTo(2);
        assertThat(batch.endsGeneration(0)).isTrue();
        batch.sampled()[0] = 0;
        assertThat(batch.sampledToken(0)).isZero();
        assertThat(batch.endsGeneration(0)).isFalse();
    }

    /** Greedy replies of {@code REPLY} tokens, ended early by nothing, sampled one way or the other. */
    private static List<int[]> generate(BatchDecoder decoder, List<int[]> prompts, boolean inOneCall, List<Boolean> ends) {
        TokenBatch batch = new TokenBatch(decoder.batchSize());
        List<Sampler> samplers = new ArrayList<>();
        List<int[]> replies = new ArrayList<>();
        int[] logitsAt = new int[prompts.size()];
        try {
            for (int s = 0; s < prompts.size(); s++) {
                decoder.forget(s, 0);
                samplers.add(Sampler.of(SamplerParameters.greedy()));
                replies.add(new int[REPLY]);
                int[] prompt = prompts.get(s);
                for (int i = 0; i < prompt.length - 1; i++) {
                    batch.add(prompt[i], i, s, false);
                }
                logitsAt[s] = add(batch, prompt[prompt.length - 1], prompt.length - 1, s, samplers.get(s), inOneCall);
            }
            for (int step = 0; step < REPLY; step++) {
                BatchDecoder.Outcome outcome = inOneCall ? decoder.decodeAndSample(batch, NO_ADAPTERS) : decoder.decode(batch, NO_ADAPTERS);
                assertThat(outcome).isEqualTo(BatchDecoder.Outcome.DECODED);
                int[] next = new int[prompts.size()];
                for (int s = 0; s < prompts.size(); s++) {
                    if (inOneCall) {
                        next[s] = batch.sampledToken(logitsAt[s]);
                        ends.add(batch.endsGeneration(logitsAt[s]));
                    } else {
                        next[s] = decoder.sample(samplers.get(s), logitsAt[s]);
                    }
                    replies.get(s)[step] = next[s];
                }
                batch.clear();
                for (int s = 0; s < prompts.size(); s++) {
                    logitsAt[s] = add(batch, next[s], prompts.get(s).length + step, s, samplers.get(s), inOneCall);
                }
            }
        } finally {
            samplers.forEach(Sampler::close);
        }
        return replies;
    }

    private static int add(TokenBatch batch, int token, int position, int sequence, Sampler sampler, boolean inOneCall) {
        return inOneCall ? batch.add(token, position, sequence, sampler) : batch.add(token, position, sequence, true);
    }
}
