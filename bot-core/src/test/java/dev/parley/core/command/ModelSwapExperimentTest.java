package dev.parley.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.experiment.Arm;
import dev.parley.core.experiment.Experiment;
import dev.parley.core.experiment.ExperimentFollowsSwap;
import dev.parley.core.experiment.ExperimentReport;
import dev.parley.core.experiment.Split;
import dev.parley.core.experiment.VariantCounts;
import dev.parley.core.model.ChatModel;
import dev.parley.core.modelswap.HotSwap;
import dev.parley.core.modelswap.LoadedModel;
import dev.parley.core.modelswap.ModelInfo;
import dev.parley.core.modelswap.ModelSpec;
import dev.parley.core.modelswap.SwapEvents;
import dev.parley.core.modelswap.SwappableChatModel;
import dev.parley.core.testing.FakeClock;
import dev.parley.core.testing.FakeChatModel;
import dev.parley.core.testing.Messages;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code /model load} during an A/B experiment (#19): the experiment follows the swap, serving B
 * on the new model where B's adapter loaded there, and otherwise it stops and every answer about
 * the model says so and why.
 */
class ModelSwapExperimentTest {

    private static final Location CONSOLE = new Location(Platform.CONSOLE, "local", "console", null);
    private static final Author LOCAL = new Author("local", "you", Set.of(), true, false);
    private static final String MISSING = "lora adapter tone-b.gguf was made for another base model";

    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-06T05:00:00Z"));
    private final Experiment experiment = Experiment.between(new Split(0.5, ""), new Arm("tone", 1f),
            new Arm("tone-b", 0.5f));
    /** The models the loader loaded, and whether B's adapter is missing on each. */
    private final Map<ChatModel, String> bMissing = new HashMap<>();
    private final SwappableChatModel model = new SwappableChatModel(FakeChatModel.oneWord());
    private final HotSwap swap = new HotSwap(model, info(new ModelSpec(Path.of("a.gguf"), Path.of("tone.gguf"), 1f)),
            this::load, new ExperimentFollowsSwap(experiment, m -> Optional.ofNullable(bMissing.get(m)), SwapEvents.NONE),
            clock, 256);
    private final ModelCommands commands = new ModelCommands(swap, Operators.consoleOnly(),
            new AdminChanges(new InMemoryAuditLog(), clock),
            new ExperimentReport(experiment, variant -> new VariantCounts(3, 1, 0)));

    /** Another base model ("other-base") does not take B's adapter; the rest do. */
    private LoadedModel load(ModelSpec spec) {
        ChatModel loaded = FakeChatModel.oneWord();
        if (spec.model().toString().contains("other-base")) {
            bMissing.put(loaded, MISSING);
        }
        return new LoadedModel(loaded, info(spec));
    }

    private static ModelInfo info(ModelSpec spec) {
        return new ModelInfo(spec, "0123456789ab", "llama", 256);
    }

    private String run(String text) {
        InboundMessage message = Messages.message(CONSOLE, LOCAL, text, true);
        return commands.handle(CommandLine.parse(text), message);
    }

    @Test
    void load_whereBsAdapterLoads_keepsTheExperimentWithTheNewModelsAdapterAsA() {
        String answer = run("/model load b.gguf --lora tone-2.gguf");

        assertThat(answer).startsWith("Now serving b.gguf").doesNotContain("experiment");
        assertThat(experiment.running()).isTrue();
        assertThat(experiment.arm(dev.parley.core.experiment.Variant.A)).isEqualTo(new Arm("tone-2", 1f));
        assertThat(run("/model experiment show")).startsWith("Model experiment:\nA (tone-2 at scale 1.0)");
    }

    @Test
    void load_whereBsAdapterDoesNotLoad_stopsTheExperimentAndSaysWhyEverywhere() {
        String answer = run("/model load other-base.gguf");

        String stopped = "The A/B experiment is stopped: variant B's adapter tone-b did not load on the new model: "
                + MISSING + ".";
        assertThat(answer).startsWith("Now serving other-base.gguf").endsWith(" " + stopped);
        assertThat(experiment.running()).isFalse();
        assertThat(run("/model show")).endsWith(" " + stopped);
        assertThat(run("/model experiment show")).startsWith(stopped + " Its counts until then:\nA (base model");

        assertThat(run("/model rollback")).as("B's adapter loads on the model before: it runs again")
                .startsWith("Now serving a.gguf").doesNotContain("stopped");
        assertThat(experiment.running()).isTrue();
    }
}
