package dev.parley.model.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.model.llamacpp.LlamaCppModel;
import dev.parley.model.llamacpp.ModelParameters;
import dev.parley.model.llamacpp.ReplyTokens;
import dev.parley.model.llamacpp.SamplerParameters;
import dev.parley.model.llamacpp.TinyModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue #16: the decode thread crosses into native code once a generated token, and counts its time. */
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
}
