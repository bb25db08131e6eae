package dev.parley.core.experiment;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The text of {@code /model experiment show}: per variant its adapter, counts and 👍 rate. */
public final class ExperimentReport {

    private final Experiment experiment;
    private final ExperimentStats stats;

    public ExperimentReport(Experiment experiment, ExperimentStats stats) {
        this.experiment = Objects.requireNonNull(experiment, "experiment");
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    public String show() {
        if (!experiment.configured()) {
            return "No model experiment is running (parley.model.experiment.enabled is false).";
        }
        StringBuilder text = new StringBuilder(stopped().map(note -> note + " Its counts until then:")
                .orElse("Model experiment:"));
        for (Variant variant : Variant.values()) {
            VariantCounts counts = stats.counts(variant.recorded());
            text.append('\n').append(variant.name()).append(" (").append(experiment.arm(variant).describe()).append("): ")
                    .append(counts.exchanges()).append(" exchanges, ").append(counts.up()).append(" 👍, ")
                    .append(counts.down()).append(" 👎, ").append(rate(counts));
        }
        return text.toString();
    }

    /** The one line that says the experiment stopped after a model swap, and why; empty while it runs. */
    public Optional<String> stopped() {
        return experiment.stoppedBecause().map(reason -> "The A/B experiment is stopped: " + reason + ".");
    }

    private static String rate(VariantCounts counts) {
        if (counts.rated() == 0) {
            return "no rated exchanges yet";
        }
        WilsonInterval interval = WilsonInterval.of(counts.up(), counts.rated());
        return String.format(Locale.ROOT, "👍 rate %.0f%% (95%% CI %.0f–%.0f%%) of %d rated", 100.0 * counts.up() / counts.rated(),
                100 * interval.low(), 100 * interval.high(), counts.rated());
    }
}
