package dev.parley.model.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.model.llamacpp.LlamaCppModel;
import dev.parley.model.llamacpp.ModelParameters;
import dev.parley.model.llamacpp.ReplyTokens;
import dev.parley.model.llamacpp.SamplerParameters;
import dev.parley.model.llamacpp.TinyModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16: the decode thread crosses into native code once a generated token, and counts its
 * time; its batches keep their sequences in order, so llama.cpp decodes each in one pass.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BatchSchedulerNativeCallsTest {

    @TempDir
    Path files;

    @Test
    void oneReply_takesOneNativeCallAStepThatDecodesAndSamples() throws IOException {
        Path file = TinyModelFiles.writeModel(files);
        try (LlamaCppModel model = LlamaCppModel.load(new ModelParameters(file, 256, 64, 1, 0), 2);
                BatchScheduler scheduler = new BatchScheduler(model, "test-batch")) {
            int[] prompt = model.tokenize("tell me a story about a bot", true, false);
            int tokens = 0;
            try (ReplyTokens reply = scheduler.submit(prompt, SamplerParameters.greedy(), 20, new float[0])) {
                while (reply.next() != ReplyTokens.END) {
                    tokens++;
                }
            }
            assertThat(tokens).isPositive();
            scheduler.close(); // waits for the decode thread: the last step is counted after its token is handed over
            DecodeThreadTimes times = scheduler.decodeThreadTimes();
            // the prompt's step gives the first token, each token after it is fed back in one step;
            // one more if the reply ended with an end-of-generation token, which is not handed out
            assertThat(times.steps()).isBetween((long) tokens, tokens + 1L);
            assertThat(times.nativeCalls()).isEqualTo(times.steps());
            assertThat(times.nativeNanos()).isPositive().isLessThanOrEqualTo(times.busyNanos());
        }
    }

    @Test
    void conversationsContinuedInReverse_areDecodedInSequenceOrder() throws IOException {
        Path file = TinyModelFiles.writeModel(files);
        try (LlamaCppModel model = LlamaCppModel.load(new ModelParameters(file, 128, 64, 1, 0), 4);
                BatchScheduler scheduler = new BatchScheduler(model, "test-batch")) {
            // four conversations, one after another, on sequences 0 to 3
            List<int[]> turns = new ArrayList<>();
            for (String topic : List.of("apples", "boats", "clouds", "dogs")) {
                int[] prompt = model.tokenize("a conversation about " + topic, true, false);
                int[] answer = BatchSchedulerTest.readAll(scheduler.submit(prompt, SamplerParameters.greedy(), 4, new float[0]));
                turns.add(BatchSchedulerTest.concat(prompt, answer, model.tokenize(" and then?", false, false)));
            }
            DecodeThreadTimes before = scheduler.decodeThreadTimes();
            // their next turns arrive last first: each keeps its sequence, so they are served as 3, 2, 1, 0
            List<ScheduledReply> replies = new ArrayList<>();
            for (int i = 3; i >= 0; i--) {
                replies.add(scheduler.submit(turns.get(i), SamplerParameters.greedy(), 24, new float[0]));
            }
            for (ScheduledReply reply : replies) {
                BatchSchedulerTest.readAll(reply);
            }
            scheduler.close();
            DecodeThreadTimes times = scheduler.decodeThreadTimes().since(before);

            assertThat(scheduler.cacheCounters().hits()).isEqualTo(4);
            // in the order served, the batches held up to four runs of sequences a step; in sequence
            // order one, but for the steps where a reply that joined later leaves a gap before it
            assertThat(times.sequenceRuns()).as("%s", times).isLessThanOrEqualTo(times.steps() + times.steps() / 4);
        }
    }
}
