package dev.parley.core.command;

import dev.parley.core.conversation.InboundMessage;
import dev.parley.core.experiment.ExperimentReport;
import dev.parley.core.modelswap.HotSwap;
import dev.parley.core.modelswap.ModelInfo;
import dev.parley.core.modelswap.ModelSpec;
import dev.parley.core.modelswap.SwapOutcome;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code /model show|load|rollback|experiment show} commands: the bot's operators ({@link Operators}) see which
 * model serves and replace it without a restart ({@link HotSwap}). Everyone else is refused; every
 * load and rollback, done or refused, is written to the audit log.
 */
final class ModelCommands {

    static final String USAGE = "Usage: /model show | /model load <path> [--lora <path> --scale s] | /model rollback"
            + " | /model experiment show";
    static final String LOAD_USAGE = "Usage: /model load <path> [--lora <path> --scale s]";
    static final String HELP = """
            /model (the bot's operators):
              /model show                        the model serving: file, sha256, architecture, context, LoRA, since when
              /model load <path> [--lora <path> --scale s]
                                                 check another model (or adapter) and serve it; running replies finish first
              /model rollback                    serve the model from before the last load again
              /model experiment show             the A/B experiment: per variant its adapter, exchanges, 👍/👎 and 👍 rate (95% CI)""";
    static final String REFUSED = "Only the bot's operators can see or change the model.";

    private final HotSwap swap;
    private final Operators operators;
    private final AdminChanges changes;
    private final @Nullable ExperimentReport experiment;

    ModelCommands(HotSwap swap, Operators operators, AdminChanges changes, @Nullable ExperimentReport experiment) {
        this.experiment = experiment;
        this.swap = swap;
        this.operators = operators;
        this.changes = changes;
    }

    String handle(CommandLine command, InboundMessage message) {
        if (!operators.wrote(message)) {
            return REFUSED;
        }
        return switch (command.word(0)) {
            case "", "show" -> command.words().size() > 1 ? USAGE : show();
            case "load" -> load(command, message);
            case "rollback" -> command.words().size() > 1 ? USAGE : rollback(message);
            case "experiment" -> command.words().size() == 2 && command.word(1).equals("show") ? experiment() : USAGE;
            default -> USAGE;
        };
    }

    private String show() {
        HotSwap.Serving serving = swap.serving();
        return "Model: " + describe(serving.info()) + "; serving since " + serving.since() + "." + experimentNote();
    }

    private String experiment() {
        return experiment == null ? "No model experiment is running here." : experiment.show();
    }

    private String load(CommandLine command, InboundMessage message) {
        ModelSpec spec;
        try {
            spec = parse(command.words().subList(1, command.words().size()));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return answer(swap.load(spec), message, "model.load", spec);
    }

    private String rollback(InboundMessage message) {
        return answer(swap.rollback(), message, "model.rollback", null);
    }

    private String answer(SwapOutcome outcome, InboundMessage message, String action, @Nullable ModelSpec asked) {
        return switch (outcome) {
            case SwapOutcome.Switched switched -> {
                changes.record(message, action, describe(switched.now()) + " (was " + describe(switched.before()) + ")");
                yield "Now serving " + describe(switched.now()) + ". Replies already running finish on "
                        + switched.before().spec().describe() + "." + experimentNote();
            }
            case SwapOutcome.Refused refused -> {
                changes.record(message, action + ".refused", (asked == null ? "" : asked.describe() + ": ")
                        + refused.reason());
                yield "Not loaded, still serving " + swap.serving().info().spec().describe() + ": " + refused.reason();
            }
            case SwapOutcome.NotTried notTried -> notTried.reason();
        };
    }

    /** " The A/B experiment is stopped: why." after a swap stopped it, else "": a stop is never silent. */
    private String experimentNote() {
        return experiment == null ? "" : experiment.stopped().map(note -> " " + note).orElse("");
    }

    /** {@code <path> [--lora <path>] [--scale s]}, paths as typed (case matters). */
    static ModelSpec parse(List<String> words) {
        String model = null;
        String lora = null;
        String scale = null;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--lora", "--scale" -> {
                    if (i + 1 >= words.size()) {
                        throw new IllegalArgumentException(word + " needs a value. " + LOAD_USAGE);
                    }
                    String value = words.get(++i);
                    if (word.equals("--lora")) {
                        lora = value;
                    } else {
                        scale = value;
                    }
                }
                default -> {
                    if (word.startsWith("--") || model != null) {
                        throw new IllegalArgumentException("Unexpected \"" + Characters.shortened(word, 40) + "\". " + LOAD_USAGE);
                    }
                    model = word;
                }
            }
        }
        if (model == null) {
            throw new IllegalArgumentException(LOAD_USAGE);
        }
        if (scale != null && lora == null) {
            throw new IllegalArgumentException("--scale applies to a LoRA adapter; give one with --lora. " + LOAD_USAGE);
        }
        try {
            return new ModelSpec(Path.of(model), lora == null ? null : Path.of(lora), scale == null ? 1f : scale(scale));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("Not a file path: " + Characters.shortened(e.getInput(), 60) + ".");
        }
    }

    private static float scale(String typed) {
        float scale;
        try {
            scale = Float.parseFloat(typed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The scale must be a number between -10 and 10, like 0.5.");
        }
        if (!(scale >= -10f && scale <= 10f)) {
            throw new IllegalArgumentException("The scale must be a number between -10 and 10, like 0.5.");
        }
        return scale;
    }

    private static String describe(ModelInfo info) {
        return info.spec().model().getFileName() + " (sha256 " + info.sha256Prefix() + ", " + info.architecture() + ", "
                + info.contextSize() + " tokens of context" + ", LoRA "
                + (info.spec().lora() == null ? "none" : info.spec().lora().getFileName() + " at scale " + info.spec().loraScale())
                + ")";
    }
}
