package dev.parley.model.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.model.llamacpp.Generation;
import dev.parley.model.llamacpp.LlamaCppModel;
import dev.parley.model.llamacpp.ModelParameters;
import dev.parley.model.llamacpp.Sampler;
import dev.parley.model.llamacpp.SamplerParameters;
import dev.parley.model.llamacpp.TinyModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16: a reply that fails as it joins (here: its sampler cannot be made) after its sequence
 * kept part of a conversation leaves that sequence empty, so the next reply on it is decoded from
 * scratch, token for token as alone, rather than on top of cells nobody counts.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BatchSchedulerJoinFailureTest {

    private static final SamplerParameters POISONED = SamplerParameters.seeded(0.7f, 4242);

    @TempDir
    Path files;

    @Test
    void aReplyThatFailsToJoinLeavesItsSequenceEmptyForTheNext() throws IOException {
        Path file = TinyModelFiles.writeModel(files);
        ModelParameters parameters = new ModelParameters(file, 256, 64, 1, 0);
        int[] conversation;
        int[] other;
        int[] expected;
        try (LlamaCppModel single = LlamaCppModel.load(parameters)) {
            conversation = single.tokenize("a long conversation about apples and pears and plums", true, false);
            other = single.tokenize("tell me a story", true, false);
            try (Generation generation = single.generate(other, SamplerParameters.greedy(), 12)) {
                expected = generation.remaining();
            }
        }
        // one sequence: every reply takes sequence 0
        try (LlamaCppModel model = LlamaCppModel.load(parameters, 1);
                BatchScheduler scheduler = new BatchScheduler(model, "test-batch", 0,
                        sampler -> sampler.equals(POISONED) ? fail() : Sampler.of(sampler))) {
            int[] reply = BatchSchedulerTest.readAll(scheduler.submit(conversation, SamplerParameters.greedy(), 6, new float[0]));
            int[] nextTurn = Arrays.copyOf(conversation, conversation.length + reply.length + 1);
            System.arraycopy(reply, 0, nextTurn, conversation.length, reply.length);
            nextTurn[nextTurn.length - 1] = conversation[1];

            // the next turn keeps the whole conversation in sequence 0, then cannot start
            ScheduledReply failed = scheduler.submit(nextTurn, POISONED, 6, new float[0]);
            assertThatThrownBy(() -> BatchSchedulerTest.readAll(failed)).hasMessageContaining("no sampler");

            ScheduledReply fresh = scheduler.submit(other, SamplerParameters.greedy(), 12, new float[0]);
            assertThat(BatchSchedulerTest.readAll(fresh)).containsExactly(expected);
            assertThat(fresh.promptTokensDecoded()).isEqualTo(other.length);
        }
    }

    private static Sampler fail() {
        throw new IllegalStateException("no sampler for this reply");
    }
}
