package dev.parley.core.modelswap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.testing.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HotSwapTest {

    private static final ModelSpec A = ModelSpec.of(Path.of("models/a.gguf"));
    private static final ModelSpec B = new ModelSpec(Path.of("models/b.gguf"), Path.of("models/tone.gguf"), 0.5f);

    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-06T05:00:00Z"));
    private final ScriptedModel a = new ScriptedModel("A");
    private final SwappableChatModel model = new SwappableChatModel(a);
    private final Map<ModelSpec, ScriptedModel> files = new HashMap<>();
    private final List<String> events = new ArrayList<>();
    private final HotSwap swap = new HotSwap(model, info(A), this::load, new SwapEvents() {
        @Override
        public void switched(LoadedModel previous, LoadedModel next) {
            events.add("switched " + previous.info().spec().describe() + " -> " + next.info().spec().describe());
        }

        @Override
        public void refused(ModelSpec candidate, String reason) {
            events.add("refused " + candidate.describe() + ": " + reason);
        }
    }, clock, 512);

    private LoadedModel load(ModelSpec spec) {
        if (spec.model().getFileName().toString().equals("bug.gguf")) {
            throw new IllegalStateException("boom");
        }
        ScriptedModel loaded = files.get(spec);
        if (loaded == null) {
            throw new ModelRejectedException("invalid model file " + spec.model() + ": missing\n(more detail)");
        }
        return new LoadedModel(loaded, info(spec));
    }

    private static ModelInfo info(ModelSpec spec) {
        return new ModelInfo(spec, "0123456789ab", "llama", 512);
    }

    @Test
    void load_goodCandidate_servesItFromNowAndSaysSince() {
        ScriptedModel b = new ScriptedModel("B");
        files.put(B, b);
        clock.advance(Duration.ofMinutes(5));

        SwapOutcome outcome = swap.load(B);

        assertThat(outcome).isEqualTo(new SwapOutcome.Switched(info(A), info(B)));
        assertThat(model.serving()).isSameAs(b);
        assertThat(swap.serving()).isEqualTo(new HotSwap.Serving(info(B), Instant.parse("2026-12-06T05:05:00Z")));
        assertThat(events).containsExactly("switched a.gguf -> b.gguf + tone.gguf x0.5");
    }

    @Test
    void load_loaderRejects_keepsTheModelAndGivesTheFirstLineOfTheReason() {
        SwapOutcome outcome = swap.load(B);

        assertThat(outcome).isEqualTo(new SwapOutcome.Refused("invalid model file models/b.gguf: missing"));
        assertThat(model.serving()).isSameAs(a);
        assertThat(events).containsExactly("refused b.gguf + tone.gguf x0.5: invalid model file models/b.gguf: missing");
    }

    @Test
    void load_loaderFailsUnexpectedly_keepsTheModelAndSaysWhat() {
        SwapOutcome outcome = swap.load(ModelSpec.of(Path.of("bug.gguf")));

        assertThat(outcome).isEqualTo(new SwapOutcome.Refused("could not load bug.gguf: java.lang.IllegalStateException: boom"));
        assertThat(model.serving()).isSameAs(a);
    }

    @Test
    void load_candidateWithLessContext_isRefusedAndClosed() {
        ScriptedModel small = new ScriptedModel("B");
        small.contextSize = 256;
        files.put(B, small);

        SwapOutcome outcome = swap.load(B);

        assertThat(outcome).isEqualTo(new SwapOutcome.Refused("b.gguf gives 256 tokens of context per slot; the bot needs 512"));
        assertThat(small.closed).isTrue();
        assertThat(model.serving()).isSameAs(a);
    }

    @Test
    void load_testGenerationFails_isRefusedAndClosed() {
        ScriptedModel broken = new ScriptedModel("B");
        broken.failsToGenerate = true;
        files.put(B, broken);

        SwapOutcome outcome = swap.load(B);

        assertThat(outcome).isEqualTo(new SwapOutcome.Refused("the test generation of b.gguf failed: NaN in the logits"));
        assertThat(broken.closed).isTrue();
        assertThat(a.closed).isFalse();
    }

    @Test
    void rollback_afterALoad_servesTheEarlierFilesAgain() {
        files.put(B, new ScriptedModel("B"));
        ScriptedModel aAgain = new ScriptedModel("A again");
        files.put(A, aAgain);
        swap.load(B);

        SwapOutcome outcome = swap.rollback();

        assertThat(outcome).isEqualTo(new SwapOutcome.Switched(info(B), info(A)));
        assertThat(model.serving()).isSameAs(aAgain);
    }

    @Test
    void rollback_withoutALoad_hasNothingToGoBackTo() {
        assertThat(swap.rollback()).isEqualTo(new SwapOutcome.NotTried("There is no previous model to roll back to."));
    }
}
