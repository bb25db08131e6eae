package dev.parley.core.command;

import static dev.parley.core.testing.Messages.ADMIN;
import static dev.parley.core.testing.Messages.GENERAL;
import static dev.parley.core.testing.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.audit.AuditEntry;
import dev.parley.core.audit.InMemoryAuditLog;
import dev.parley.core.conversation.Author;
import dev.parley.core.conversation.ConversationMemory;
import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.MemoryLimits;
import dev.parley.core.conversation.Platform;
import dev.parley.core.experiment.Arm;
import dev.parley.core.experiment.Experiment;
import dev.parley.core.experiment.ExperimentReport;
import dev.parley.core.experiment.Split;
import dev.parley.core.experiment.VariantCounts;
import dev.parley.core.modelswap.HotSwap;
import dev.parley.core.modelswap.LoadedModel;
import dev.parley.core.modelswap.ModelInfo;
import dev.parley.core.modelswap.ModelRejectedException;
import dev.parley.core.modelswap.ModelSpec;
import dev.parley.core.modelswap.SwapEvents;
import dev.parley.core.modelswap.SwappableChatModel;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.settings.InMemoryChannelSettingsStore;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import dev.parley.core.testing.FakeClock;
import dev.parley.core.testing.FakeChatModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class ModelCommandsTest {

    private static final Location CONSOLE = new Location(Platform.CONSOLE, "local", "console", null);
    private static final Author LOCAL = new Author("local", "you", Set.of(), true, false);
    private static final Author OPERATOR = new Author("op-1", "Olga", Set.of(), false, false);

    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-06T05:00:00Z"));
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final SwappableChatModel model = new SwappableChatModel(FakeChatModel.oneWord());
    private final HotSwap swap = new HotSwap(model, info(ModelSpec.of(Path.of("a.gguf"))), this::load, SwapEvents.NONE,
            clock, 256);
    private final ModelCommands commands = new ModelCommands(swap,
            new Operators(Map.of(Platform.DISCORD, Set.of("op-1"))), new AdminChanges(audit, clock),
            new ExperimentReport(Experiment.between(new Split(0.5, ""), new Arm("tone", 1f), new Arm("tone-b", 0.5f)),
                    variant -> variant.equals("a") ? new VariantCounts(10, 6, 2) : new VariantCounts(4, 0, 0)));

    private LoadedModel load(ModelSpec spec) {
        if (spec.model().toString().contains("broken")) {
            throw new ModelRejectedException("invalid model file " + spec.model() + ": truncated");
        }
        return new LoadedModel(FakeChatModel.oneWord(), info(spec));
    }

    private static ModelInfo info(ModelSpec spec) {
        return new ModelInfo(spec, "0123456789ab", "llama", 256);
    }

    private String run(Location where, Author author, String text) {
        InboundMessage message = message(where, author, text, true);
        return commands.handle(CommandLine.parse(text), message);
    }

    @Test
    void show_operatorOnDiscord_describesTheServingModel() {
        assertThat(run(GENERAL, OPERATOR, "/model show")).isEqualTo("Model: a.gguf (sha256 0123456789ab, llama, 256 tokens"
                + " of context, LoRA none); serving since 2026-12-06T05:00:00Z.");
    }

    @Test
    void experimentShow_operator_reportsEachVariantFromTheStats() {
        assertThat(run(GENERAL, OPERATOR, "/model experiment show")).isEqualTo("""
                Model experiment:
                A (tone at scale 1.0): 10 exchanges, 6 👍, 2 👎, 👍 rate 75% (95% CI 41–93%) of 8 rated
                B (tone-b at scale 0.5): 4 exchanges, 0 👍, 0 👎, no rated exchanges yet""");
        assertThat(run(GENERAL, OPERATOR, "/model experiment")).isEqualTo(ModelCommands.USAGE);
    }

    @Test
    void experimentShow_serverAdminWhoIsNoOperator_isRefused() {
        assertThat(run(GENERAL, ADMIN, "/model experiment show")).isEqualTo(ModelCommands.REFUSED);
    }

    @Test
    void anyModelCommand_serverAdminWhoIsNoOperator_isRefusedAndNothingIsLoaded() {
        assertThat(run(GENERAL, ADMIN, "/model load b.gguf")).isEqualTo(ModelCommands.REFUSED);
        assertThat(run(GENERAL, ADMIN, "/model show")).isEqualTo(ModelCommands.REFUSED);
        assertThat(run(GENERAL, ADMIN, "/model rollback")).isEqualTo(ModelCommands.REFUSED);
        assertThat(swap.serving().info().spec().model()).isEqualTo(Path.of("a.gguf"));
        assertThat(audit.recent(ScopeKey.of(GENERAL), 10)).isEmpty();
    }

    @Test
    void load_consoleUser_switchesAndAudits() {
        String answer = run(CONSOLE, LOCAL, "/model load models/B.gguf --lora tone.gguf --scale 0.5");

        assertThat(answer).isEqualTo("Now serving B.gguf (sha256 0123456789ab, llama, 256 tokens of context, LoRA tone.gguf"
                + " at scale 0.5). Replies already running finish on a.gguf.");
        assertThat(model.serving()).isNotNull();
        assertThat(audit.recent(ScopeKey.of(CONSOLE), 10)).extracting(AuditEntry::action, AuditEntry::detail)
                .containsExactly(Tuple.tuple("model.load", "B.gguf (sha256 0123456789ab, llama, 256"
                        + " tokens of context, LoRA tone.gguf at scale 0.5) (was a.gguf (sha256 0123456789ab, llama, 256"
                        + " tokens of context, LoRA none))"));
    }

    @Test
    void load_brokenFile_answersInOneLineAndAuditsTheRefusal() {
        String answer = run(CONSOLE, LOCAL, "/model load broken.gguf");

        assertThat(answer).isEqualTo("Not loaded, still serving a.gguf: invalid model file broken.gguf: truncated");
        assertThat(audit.recent(ScopeKey.of(CONSOLE), 10)).extracting(AuditEntry::action).containsExactly("model.load.refused");
    }

    @Test
    void rollback_afterALoad_servesTheFirstModelAgain() {
        run(CONSOLE, LOCAL, "/model load b.gguf");

        assertThat(run(CONSOLE, LOCAL, "/model rollback")).startsWith("Now serving a.gguf");
        assertThat(run(CONSOLE, LOCAL, "/model rollback")).startsWith("Now serving b.gguf");
    }

    @Test
    void handle_badInput_getsOneLineOfUsage() {
        assertThat(run(CONSOLE, LOCAL, "/model load")).isEqualTo(ModelCommands.LOAD_USAGE);
        assertThat(run(CONSOLE, LOCAL, "/model swap b.gguf")).isEqualTo(ModelCommands.USAGE);
        assertThat(run(CONSOLE, LOCAL, "/model load b.gguf --scale 2")).startsWith("--scale applies to a LoRA adapter");
        assertThat(run(CONSOLE, LOCAL, "/model load b.gguf --lora x.gguf --scale lots"))
                .isEqualTo("The scale must be a number between -10 and 10, like 0.5.");
        assertThat(run(CONSOLE, LOCAL, "/model load b.gguf --lora")).startsWith("--lora needs a value.");
        assertThat(run(CONSOLE, LOCAL, "/model load a.gguf b.gguf")).startsWith("Unexpected \"b.gguf\".");
        assertThat(audit.recent(ScopeKey.of(CONSOLE), 10)).isEmpty();
    }

    @Test
    void parse_keepsTheCaseOfPaths() {
        assertThat(ModelCommands.parse(List.of("Models/A.gguf", "--lora", "LoRA/Tone.gguf", "--scale", "1.5")))
                .isEqualTo(new ModelSpec(Path.of("Models/A.gguf"), Path.of("LoRA/Tone.gguf"), 1.5f));
        assertThatThrownBy(() -> ModelCommands.parse(List.of("--lora", "x.gguf"))).hasMessage(ModelCommands.LOAD_USAGE);
    }

    @Test
    void commandService_withoutHotSwap_saysTheModelCannotBeChanged() {
        var service = CommandService.builder().settings(new InMemorySettingsStore())
                .policies(new ModerationPolicies(new InMemorySettingsStore(),
                        new InMemoryChannelSettingsStore(),
                        new ModerationDefaults(List.of(),
                                Set.of(Direction.INPUT), "in", "out"),
                        new TextNormaliser()))
                .moderator(new Moderator(new TextNormaliser()))
                .memory(new ConversationMemory(String::length,
                        new MemoryLimits(10, Duration.ofMinutes(1), 4, 0), clock))
                .audit(audit).clock(clock).build();

        assertThat(service.handle(CommandLine.parse("/model show"), message(CONSOLE, LOCAL, "/model show", true)))
                .isEqualTo("The model cannot be changed while the bot runs here.");
    }
}
