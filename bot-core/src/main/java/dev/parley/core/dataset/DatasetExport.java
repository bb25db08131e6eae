package dev.parley.core.dataset;

import dev.parley.core.conversation.Platform;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Makes a {@link Dataset} from the stored feedback of some scopes in a period.
 *
 * <p>The rules, in the order they apply:
 * <ol>
 *   <li>Exchanges of users who opted out are never looked at, and votes of such users are not counted.
 *   <li>An answer is <em>liked</em> with at least one 👍 and no 👎, <em>disliked</em> with at least
 *       one 👎 and no 👍; mixed votes make it neither.
 *   <li>A supervised example is a liked answer ({@link Selection#THUMBS_UP}, the default), or with
 *       {@link Selection#NO_THUMBS_DOWN} any answer without a 👎 that no regeneration replaced.
 *   <li>A preference pair is a regeneration and the answer it replaced: the regeneration chosen
 *       when it is liked and the original is not (replacing it was a vote against it); the
 *       original chosen when it is liked and the regeneration disliked. A chain of regenerations
 *       gives one pair per link. The prompt is the original's. A pair whose two answers are the
 *       same text once redacted (a regeneration at temperature 0) is dropped and counted.
 *   <li>Every exchange that would be exported is moderated again ({@link ModerationScreen}); one
 *       blocked now is dropped from the examples and the pairs, and counted by reason.
 *   <li>The texts are redacted ({@link Redactor}); an exchange with nothing left is dropped and counted.
 * </ol>
 */
public final class DatasetExport {

    /** The votes of one exchange. */
    private record Tally(int up, int down) {
        static final Tally NONE = new Tally(0, 0);

        boolean liked() {
            return up > 0 && down == 0;
        }

        boolean disliked() {
            return down > 0 && up == 0;
        }

        Tally plus(int vote) {
            return vote > 0 ? new Tally(up + 1, down) : new Tally(up, down + 1);
        }
    }

    /** A pair before moderation and redaction. */
    private record Candidate(FeedbackExchange prompt, FeedbackExchange chosen, FeedbackExchange rejected) {}

    private final FeedbackSource source;
    private final ModerationScreen screen;
    private final Redactor redactor;
    private final AuthorPseudonyms pseudonyms;

    public DatasetExport(FeedbackSource source, ModerationScreen screen, Redactor redactor, AuthorPseudonyms pseudonyms) {
        this.source = Objects.requireNonNull(source, "source");
        this.screen = Objects.requireNonNull(screen, "screen");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.pseudonyms = Objects.requireNonNull(pseudonyms, "pseudonyms");
    }

    /** The dataset of {@code scopes} for exchanges created from {@code since} to {@code until} (exclusive). */
    public Dataset export(List<ScopeKey> scopes, Instant since, Instant until, Selection selection) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("an export needs at least one scope");
        }
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("since (" + since + ") must be before until (" + until + ")");
        }
        var totals = new Totals();
        List<SftExample> examples = new ArrayList<>();
        List<PreferencePair> pairs = new ArrayList<>();
        Map<Platform, Set<String>> optedOut = new HashMap<>();
        for (ScopeKey scope : scopes) {
            Set<String> excluded = optedOut.computeIfAbsent(scope.platform(), source::optedOut);
            exportScope(scope, since, until, selection, excluded, totals, examples, pairs);
        }
        return new Dataset(examples, pairs, new DatasetSummary(scopes, since, until, selection, totals.read,
                examples.size(), pairs.size(), totals.optedOut, totals.moderation, totals.empty, totals.identicalPairs, totals.models,
                totals.adapters, totals.authors, totals.first, totals.last));
    }

    private void exportScope(ScopeKey scope, Instant since, Instant until, Selection selection, Set<String> excluded,
            Totals totals, List<SftExample> examples, List<PreferencePair> pairs) {
        List<FeedbackExchange> read = source.exchanges(scope, since, until);
        totals.read += read.size();
        Map<Long, FeedbackExchange> kept = new LinkedHashMap<>();
        for (FeedbackExchange exchange : read) {
            if (excluded.contains(exchange.authorId())) {
                totals.optedOut++;
            } else {
                kept.put(exchange.id(), exchange);
            }
        }
        Map<Long, Tally> tallies = new HashMap<>();
        for (Vote vote : source.votes(scope, since, until)) {
            if (!excluded.contains(vote.voterId())) {
                tallies.merge(vote.exchangeId(), Tally.NONE.plus(vote.vote()),
                        (a, b) -> new Tally(a.up() + b.up(), a.down() + b.down()));
            }
        }
        Set<Long> replaced = new HashSet<>();
        kept.values().forEach(e -> {
            if (e.replacesId() != null) {
                replaced.add(e.replacesId());
            }
        });

        List<FeedbackExchange> supervised = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (FeedbackExchange exchange : kept.values()) {
            Tally tally = tallies.getOrDefault(exchange.id(), Tally.NONE);
            boolean example = switch (selection) {
                case THUMBS_UP -> tally.liked();
                case NO_THUMBS_DOWN -> tally.down() == 0 && (tally.up() > 0 || !replaced.contains(exchange.id()));
            };
            if (example) {
                supervised.add(exchange);
            }
            @Nullable FeedbackExchange original = exchange.replacesId() == null ? null : kept.get(exchange.replacesId());
            if (original != null) {
                Tally originalTally = tallies.getOrDefault(original.id(), Tally.NONE);
                if (tally.liked() && !originalTally.liked()) {
                    candidates.add(new Candidate(original, exchange, original));
                } else if (originalTally.liked() && tally.disliked()) {
                    candidates.add(new Candidate(original, original, exchange));
                }
            }
        }

        Map<Long, Boolean> usable = new HashMap<>();
        for (FeedbackExchange exchange : supervised) {
            if (usable(exchange, usable, totals)) {
                examples.add(new SftExample(redactor.redact(exchange.systemPrompt()).strip(),
                        redactor.redact(exchange.userText()), redactor.redact(exchange.answerText())));
                totals.exported(exchange, pseudonyms.of(scope, exchange.authorId()));
            }
        }
        for (Candidate pair : candidates) {
            if (sameText(pair.chosen(), pair.rejected())) {
                totals.identicalPairs++;
                continue;
            }
            boolean chosen = usable(pair.chosen(), usable, totals);
            boolean rejected = usable(pair.rejected(), usable, totals);
            if (chosen && rejected && usable(pair.prompt(), usable, totals)) {
                pairs.add(new PreferencePair(redactor.redact(pair.prompt().userText()),
                        redactor.redact(pair.chosen().answerText()), redactor.redact(pair.rejected().answerText())));
                totals.exported(pair.chosen(), pseudonyms.of(scope, pair.chosen().authorId()));
                totals.exported(pair.rejected(), pseudonyms.of(scope, pair.rejected().authorId()));
            }
        }
    }

    /** Whether two answers read the same once redacted: a pair of them teaches no preference. */
    private boolean sameText(FeedbackExchange chosen, FeedbackExchange rejected) {
        return redactor.redact(chosen.answerText()).strip().equals(redactor.redact(rejected.answerText()).strip());
    }

    /** Whether an exchange passes moderation now and keeps text once redacted; each is judged and counted once. */
    private boolean usable(FeedbackExchange exchange, Map<Long, Boolean> usable, Totals totals) {
        Boolean known = usable.get(exchange.id());
        if (known != null) {
            return known;
        }
        boolean ok = true;
        Optional<String> blocked = screen.blocked(exchange);
        if (blocked.isPresent()) {
            totals.moderation.merge(blocked.get(), 1, Integer::sum);
            ok = false;
        } else if (redactor.redact(exchange.userText()).isBlank() || redactor.redact(exchange.answerText()).isBlank()) {
            totals.empty++;
            ok = false;
        }
        usable.put(exchange.id(), ok);
        return ok;
    }

    /** The running figures of one export. */
    private static final class Totals {
        int read;
        int optedOut;
        int empty;
        int identicalPairs;
        final Map<String, Integer> moderation = new HashMap<>();
        final Map<String, Integer> models = new HashMap<>();
        final Map<String, Integer> adapters = new HashMap<>();
        final Map<String, Integer> authors = new HashMap<>();
        final Set<Long> counted = new HashSet<>();
        @Nullable Instant first;
        @Nullable Instant last;

        void exported(FeedbackExchange exchange, String author) {
            // an exchange in an example and a pair counts once
            if (!counted.add(exchange.id())) {
                return;
            }
            models.merge(exchange.modelName(), 1, Integer::sum);
            adapters.merge(exchange.adapterName(), 1, Integer::sum);
            authors.merge(author, 1, Integer::sum);
            first = first == null || exchange.createdAt().isBefore(first) ? exchange.createdAt() : first;
            last = last == null || exchange.createdAt().isAfter(last) ? exchange.createdAt() : last;
        }
    }
}
