package dev.parley.bench.moderation;

import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.LearnedModerationProvider;
import dev.parley.core.moderation.LocalModerationProvider;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.ModerationResult;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TermList;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.model.encoder.SentenceEncoder;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole input moderation as the bot runs it by default, learned tier included: normalisation,
 * the local tier, then the sentence encoder (one ONNX thread) and the calibrated heads, with no
 * verdict cache, on 200-character messages; one benchmark thread, so one core. Sample mode gives
 * the latency percentiles.
 *
 * <pre>
 * java -jar benchmarks/target/parley-benchmarks.jar LearnedTierBenchmark -bm sample -tu ms
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(1)
@Threads(1)
public class LearnedTierBenchmark {

    private SentenceEncoder encoder;
    private Moderator uncached;
    private ModerationPolicy policy;
    private List<String> messages;
    private int next;

    @Setup
    public void setUp() {
        TextNormaliser normaliser = new TextNormaliser();
        LocalModerationProvider local = LocalModerationProvider.standard(normaliser);
        encoder = SentenceEncoder.loadFor(LearnedModerationProvider.standardHeads(), 1);
        uncached = new Moderator(normaliser, List.of(local, LearnedModerationProvider.standard(encoder, local)), 0);
        policy = ModerationPolicy.of(TermList.EMPTY, Set.of(Direction.INPUT, Direction.OUTPUT), "in", "out");
        messages = SampleMessages.of(1024, 200, 42);
    }

    @TearDown
    public void tearDown() {
        encoder.close();
    }

    @Benchmark
    public ModerationResult moderate() {
        String text = messages.get(next);
        next = (next + 1) & 1023;
        return uncached.evaluate(text, Direction.INPUT, policy);
    }
}
