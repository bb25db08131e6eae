package dev.parley.core.dataset;

import java.util.List;
import java.util.Objects;

/** An export: the supervised examples, the preference pairs and the figures of the manifest. */
public record Dataset(List<SftExample> examples, List<PreferencePair> pairs, DatasetSummary summary) {

    public Dataset {
        examples = List.copyOf(examples);
        pairs = List.copyOf(pairs);
        Objects.requireNonNull(summary, "summary");
    }
}
