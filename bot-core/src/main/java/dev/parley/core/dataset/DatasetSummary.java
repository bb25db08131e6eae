package dev.parley.core.dataset;

import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What an export read, kept and dropped: the manifest's figures.
 *
 * @param since the start of the period asked for, inclusive
 * @param until the end of the period asked for, exclusive
 * @param exchangesRead the exchanges of the scopes in the period
 * @param droppedOptedOut exchanges of users who opted out, never looked at further
 * @param droppedByModeration exchanges that moderation blocks now, by reason ({@link ModerationScreen#blocked})
 * @param droppedEmpty exchanges with nothing left to learn once redacted
 * @param droppedIdenticalPairs preference pairs whose two answers were the same text (a regeneration
 *     at temperature 0 repeats the answer): nothing to prefer, so no pair
 * @param models the models that produced the exported answers, with how many each
 * @param adapters the LoRA adapters of the exported answers ({@code ""} for none), with how many each
 * @param authors the pseudonymised authors ({@link AuthorPseudonyms}) of the exported exchanges, with how many each
 * @param first the creation time of the earliest exported exchange, null when none was exported
 * @param last the creation time of the latest exported exchange, null when none was exported
 */
public record DatasetSummary(List<ScopeKey> scopes, Instant since, Instant until, Selection selection,
        int exchangesRead, int sftExamples, int preferencePairs, int droppedOptedOut,
        Map<String, Integer> droppedByModeration, int droppedEmpty, int droppedIdenticalPairs, Map<String, Integer> models,
        Map<String, Integer> adapters, Map<String, Integer> authors, @Nullable Instant first, @Nullable Instant last) {

    public DatasetSummary {
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(selection, "selection");
        droppedByModeration = sorted(droppedByModeration);
        models = sorted(models);
        adapters = sorted(adapters);
        authors = sorted(authors);
    }

    /** How many exchanges moderation dropped, for every reason. */
    public int droppedByModerationTotal() {
        return droppedByModeration.values().stream().mapToInt(Integer::intValue).sum();
    }

    // sorted, so that two exports of the same data write the same manifest
    private static Map<String, Integer> sorted(Map<String, Integer> counts) {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(counts));
    }
}
