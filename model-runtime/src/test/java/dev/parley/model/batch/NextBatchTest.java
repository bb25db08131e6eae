package dev.parley.model.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.parley.model.llamacpp.Sampler;
import dev.parley.model.llamacpp.SamplerParameters;
import dev.parley.model.llamacpp.TinyModelFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A step's batch is filled in sequence order, whatever order the replies are served in: llama.cpp
 * decodes split KV streams in one pass only over consecutive, increasing sequence ids (issue #16).
 */
class NextBatchTest {

    private static final int CONTEXT = 64;

    private final List<Sampler> samplers = new ArrayList<>();

    @BeforeEach
    void needsTheBinding() {
        // the samplers the batch's entries name are native chains
        assumeFalse(Boolean.getBoolean(TinyModelFiles.SKIP_PROPERTY), "built with -Dparley.native.skip=true: no native library");
    }

    @AfterEach
    void freeSamplers() {
        samplers.forEach(Sampler::close);
    }

    @Test
    void compose_putsTheEntriesInSequenceOrderSoTheBatchIsOnePass() {
        // served in the order the cache handed out sequences: the warm-up's sequence 0 last
        List<ActiveSequence> active = new ArrayList<>(List.of(generating(1), generating(2), generating(3), generating(0)));
        NextBatch next = new NextBatch(16);

        assertThat(next.compose(active, 1)).isNotNull();

        assertThat(next.members()).extracting(ActiveSequence::sequence).containsExactly(0, 1, 2, 3);
        assertThat(next.members()).extracting(ActiveSequence::logitsIndex).containsExactly(0, 1, 2, 3);
        assertThat(next.tokens().size()).isEqualTo(4);
        assertThat(next.sequenceRuns()).isEqualTo(1);
    }

    @Test
    void sequenceRuns_countsAPassForEachGapBetweenBusySequences() {
        NextBatch next = new NextBatch(16);

        next.compose(new ArrayList<>(List.of(generating(3), generating(0), generating(2))), 1);
        assertThat(next.sequenceRuns()).isEqualTo(2);

        next.compose(new ArrayList<>(List.of(generating(4), generating(0), generating(2))), 2);
        assertThat(next.sequenceRuns()).isEqualTo(3);
    }

    @Test
    void compose_givesRoomInServiceOrderButWritesBySequence() {
        // a batch of 4: the generating reply on sequence 3 gets its token first, the prompt on
        // sequence 0 the 3 entries left, and sequence 0's entries still come first
        ActiveSequence prompting = prompting(0, 10);
        ActiveSequence generating = generating(3);
        NextBatch next = new NextBatch(4);

        next.compose(new ArrayList<>(List.of(prompting, generating)), 1);

        assertThat(next.members()).containsExactly(prompting, generating);
        assertThat(next.tokens().size()).isEqualTo(4);
        assertThat(prompting.logitsIndex()).as("the prompt's last token is not in this batch").isEqualTo(-1);
        assertThat(generating.logitsIndex()).isEqualTo(3);
        assertThat(next.sequenceRuns()).isEqualTo(2);
    }

    private ActiveSequence generating(int sequence) {
        int[] prompt = {1, 2, 3};
        return new ActiveSequence(reply(prompt), sequence, prompt.length, sampler(), CONTEXT);
    }

    private ActiveSequence prompting(int sequence, int length) {
        int[] prompt = new int[length];
        return new ActiveSequence(reply(prompt), sequence, 0, sampler(), CONTEXT);
    }

    private static ScheduledReply reply(int[] prompt) {
        // never handed to a scheduler: the batch reads its prompt and scales only
        return new ScheduledReply(null, prompt, prompt.length, SamplerParameters.greedy(), 8, new float[0]);
    }

    private Sampler sampler() {
        Sampler sampler = Sampler.of(SamplerParameters.greedy());
        samplers.add(sampler);
        return sampler;
    }
}
