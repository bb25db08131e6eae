package dev.parley.core.experiment;

/** The port to stored feedback that the experiment's report counts from. */
public interface ExperimentStats {

    /** The exchanges recorded with {@code variant} ("a" or "b") and how they were rated. */
    VariantCounts counts(String variant);
}
