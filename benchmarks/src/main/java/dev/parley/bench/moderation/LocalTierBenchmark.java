package dev.parley.bench.moderation;

import dev.parley.core.moderation.Assessment;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.LocalModerationProvider;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.ModerationRequest;
import dev.parley.core.moderation.ModerationResult;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TermList;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.moderation.learned.ToxicityClassifier;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The local moderation tier on 200-character messages, one thread (one core): normalisation,
 * lexicon scan and rules ({@code assess}), and the whole moderator path without its cache
 * ({@code moderate}), and the Portuguese classifier alone on every message, normalised beforehand
 * and its language check skipped ({@code classify}). Throughput by default; p99 latency with
 * {@code -bm sample -tu us}.
 *
 * <pre>
 * java -jar benchmarks/target/parley-benchmarks.jar LocalTierBenchmark -bm thrpt -tu s
 * java -jar benchmarks/target/parley-benchmarks.jar LocalTierBenchmark -bm sample -tu us
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class LocalTierBenchmark {

    private TextNormaliser normaliser;
    private LocalModerationProvider local;
    private Moderator uncached;
    private ModerationPolicy policy;
    private ToxicityClassifier classifier;
    private List<String> messages;
    private List<String> normalised;
    private int next;

    @Setup
    public void setUp() {
        normaliser = new TextNormaliser();
        local = LocalModerationProvider.standard(normaliser);
        uncached = new Moderator(normaliser, List.of(local), 0);
        policy = ModerationPolicy.of(TermList.of(List.of("spoiler", "pipe dream"), normaliser),
                Set.of(Direction.INPUT, Direction.OUTPUT), "in", "out");
        messages = SampleMessages.of(1024, 200, 42);
        classifier = ToxicityClassifier.standard();
        normalised = messages.stream().map(normaliser::normalise).toList();
    }

    private String message() {
        String text = messages.get(next);
        next = (next + 1) & 1023;
        return text;
    }

    @Benchmark
    public Assessment assess() {
        String text = message();
        return local.assess(new ModerationRequest(text, normaliser.normalise(text), Direction.INPUT, null));
    }

    @Benchmark
    public double classify() {
        String text = normalised.get(next);
        next = (next + 1) & 1023;
        return classifier.model().logit(text);
    }

    @Benchmark
    public ModerationResult moderate() {
        return uncached.evaluate(message(), Direction.INPUT, policy);
    }
}
