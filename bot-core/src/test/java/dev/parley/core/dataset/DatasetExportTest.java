package dev.parley.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.audit.AuditHash;
import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ModerationPolicies;
import dev.parley.core.settings.ScopeKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class DatasetExportTest {

    private static final ScopeKey GUILD = new ScopeKey(Platform.DISCORD, "guild-1");
    private static final Instant SINCE = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-12-01T00:00:00Z");

    /** Stored feedback in memory: the port's contract without a database. */
    private static final class StoredFeedback implements FeedbackSource {
        final List<FeedbackExchange> exchanges = new ArrayList<>();
        final List<Vote> votes = new ArrayList<>();
        final Set<String> optedOut = new java.util.HashSet<>();

        FeedbackExchange add(long id, String author, String user, String answer, @Nullable Long replaces, int... votes) {
            var exchange = new FeedbackExchange(id, GUILD, author, "You are Parley.", user, answer, "base.gguf",
                    id % 2 == 0 ? "tone.gguf" : "", replaces, SINCE.plusSeconds(3600 * id));
            exchanges.add(exchange);
            for (int i = 0; i < votes.length; i++) {
                this.votes.add(new Vote(id, "voter-" + i, votes[i]));
            }
            return exchange;
        }

        @Override
        public List<FeedbackExchange> exchanges(ScopeKey scope, Instant since, Instant until) {
            return exchanges.stream().filter(e -> e.scope().equals(scope) && !e.createdAt().isBefore(since)
                    && e.createdAt().isBefore(until)).toList();
        }

        @Override
        public List<Vote> votes(ScopeKey scope, Instant since, Instant until) {
            var ids = exchanges(scope, since, until).stream().map(FeedbackExchange::id).toList();
            return votes.stream().filter(v -> ids.contains(v.exchangeId())).toList();
        }

        @Override
        public Set<String> optedOut(Platform platform) {
            return optedOut;
        }
    }

    private final StoredFeedback stored = new StoredFeedback();
    private final AuthorPseudonyms pseudonyms = new AuthorPseudonyms(new AuditHash(key()));

    private DatasetExport export() {
        var normaliser = new TextNormaliser();
        var defaults = new ModerationDefaults(List.of("bomb"), Set.of(Direction.INPUT, Direction.OUTPUT), "in", "out");
        var policies = new ModerationPolicies(new InMemorySettingsStore(), defaults, normaliser);
        return new DatasetExport(stored, new ModerationScreen(new Moderator(normaliser), policies::forScope),
                new Redactor(List.of("Carla")), pseudonyms);
    }

    private static byte[] key() {
        byte[] key = new byte[AuditHash.KEY_BYTES];
        Arrays.fill(key, (byte) 3);
        return key;
    }

    @Test
    void export_likedAnswersBecomeExamples_dislikedAndMixedDoNot() {
        stored.add(1, "ana", "what is 2+2?", "4", null, 1, 1);
        stored.add(2, "ana", "capital of France?", "Lyon", null, -1);
        stored.add(3, "ana", "best editor?", "vim", null, 1, -1);
        stored.add(4, "ana", "hello", "hi", null);

        Dataset dataset = export().export(List.of(GUILD), SINCE, UNTIL, Selection.THUMBS_UP);

        assertThat(dataset.examples()).containsExactly(new SftExample("You are Parley.", "what is 2+2?", "4"));
        assertThat(dataset.summary().exchangesRead()).isEqualTo(4);
        assertThat(dataset.summary().sftExamples()).isEqualTo(1);
    }

    @Test
    void export_noThumbsDown_addsUnratedAnswersThatWereNotReplaced() {
        stored.add(1, "ana", "hello", "hi", null);
        stored.add(3, "ana", "joke?", "no", null);
        stored.add(5, "ana", "joke?", "a joke", 3L);
        stored.add(7, "ana", "bad", "worse", null, -1);

        Dataset dataset = export().export(List.of(GUILD), SINCE, UNTIL, Selection.NO_THUMBS_DOWN);

        assertThat(dataset.examples()).extracting(SftExample::assistant).containsExactly("hi", "a joke");
    }

    @Test
    void export_pairsARegenerationWithTheAnswerItReplaced() {
        stored.add(1, "ana", "a poem?", "roses", null);            // replaced: rejected
        stored.add(2, "ana", "a poem?", "violets", 1L, 1);          // liked: chosen
        stored.add(3, "bea", "a fact?", "the sun is cold", null, 1); // liked original
        stored.add(4, "bea", "a fact?", "the moon is cheese", 3L, -1); // disliked regeneration
        stored.add(5, "bea", "a song?", "la", null);
        stored.add(6, "bea", "a song?", "lala", 5L);               // unrated regeneration: no pair

        Dataset dataset = export().export(List.of(GUILD), SINCE, UNTIL, Selection.THUMBS_UP);

        assertThat(dataset.pairs()).containsExactly(
                new PreferencePair("a poem?", "violets", "roses"),
                new PreferencePair("a fact?", "the sun is cold", "the moon is cheese"));
        assertThat(dataset.summary().preferencePairs()).isEqualTo(2);
        assertThat(dataset.summary().adapters()).isEqualTo(Map.of("", 2, "tone.gguf", 2));
        assertThat(dataset.summary().models()).isEqualTo(Map.of("base.gguf", 4));
    }

    @Test
    void export_aChainOfRegenerationsGivesOnePairPerLink() {
        stored.add(1, "ana", "name a color", "grey", null);
        stored.add(2, "ana", "name a color", "beige", 1L, 1);
        stored.add(3, "ana", "name a color", "blue", 2L, 1);

        assertThat(export().export(List.of(GUILD), SINCE, UNTIL, Selection.THUMBS_UP).pairs())
                .containsExactly(new PreferencePair("name a color", "beige", "grey"));
    }

    @Test
    void export_aRegenerationThatRepeatsTheAnswer_makesNoPairAndIsCountedAsDropped() {
        // at temperature 0 a regeneration answers the same again; one differing only in masked data too
        stored.add(1, "ana", "2+2?", "4", null);
        stored.add(2, "ana", "2+2?", "4", 1L, 1);
        stored.add(3, "bea", "mail?", "write to a@example.com", null, 1);
        stored.add(4, "bea", "mail?", "write to b@example.com", 3L, -1);
        stored.add(5, "bea", "a song?", "la", null);
        stored.add(6, "bea", "a song?", "lala", 5L, 1);

        DatasetSummary summary = export().export(List.of(GUILD), SINCE, UNTIL, Selection.THUMBS_UP).summary();

        assertThat(export().export(List.of(GUILD), SINCE, UNTIL, Selection.THUMBS_UP).pairs())
                .containsExactly(new PreferencePair("a song?", "lala", "la"));
        assertThat(summary.preferencePairs()).isEqualTo(1);
        assertThat(summary.droppedIdenticalPairs()).isEqualTo(2);
        assertThat(summary.sftExamples()).as("a liked answer is still an example").isEqualTo(3);
    }

    @Test
    void export_optedOutAuthorsAreNeverExported_andTheirVotesNotCounted() {
        stored.add(1, "ana", "hello", "hi", null, 1);
        stored.add(2, "carl", "my secret", "noted", null, 1);
        stored.votes.add(new Vote(3, "carl", 1));
        stored.add(3, "ana", "question", "answer", null);
        stored.optedOut.add("carl");

        Dataset dataset = export().export(List.of(GUILD), SINCE, UNTIL, Selection.THUMBS_UP);

        assertThat(dataset.examples()).extracting(SftExample::user).containsExactly("hello");
        assertThat(dataset.summary().droppedOptedOut()).isEqualTo(1);
        assertThat(dataset.summary().authors()).containsOnlyKeys(pseudonyms.of(GUILD, "ana"));
    }

    @Test
    void export_dropsWhatModerationBlocksNow_andCountsItByReason() {
        stored.add(1, "ana", "how to build a bomb", "no", null, 1);
        stored.add(2, "ana", "chemistry?", "a bomb is easy", null, 1);
        stored.add(3, "ana", "cake?", "flour", null, 1);

        DatasetSummary summary = export().export(List.of(GUILD), SINCE, UNTIL, Selection.THUMBS_UP).summary();

        assertThat(summary.sftExamples()).isEqualTo(1);
        assertThat(summary.droppedByModeration()).isEqualTo(Map.of("input custom", 1, "output custom", 1));
        assertThat(summary.droppedByModerationTotal()).isEqualTo(2);
    }

    @Test
    void export_redactsTheTexts_andDropsWhatIsLeftEmpty() {
        stored.add(1, "ana", "I am Carla, mail me at carla@example.com", "ok Carla, call +1 555 123 4567", null, 1);
        stored.add(2, "ana", "<@123456789>", "hi", null, 1);

        Dataset dataset = export().export(List.of(GUILD), SINCE, UNTIL, Selection.THUMBS_UP);

        assertThat(dataset.examples()).containsExactly(
                new SftExample("You are Parley.", "I am [user], mail me at [email]", "ok [user], call [phone]"),
                new SftExample("You are Parley.", "[user]", "hi"));
        assertThat(dataset.summary().droppedEmpty()).isZero();
    }

    @Test
    void export_summaryHasTheRangeOfTheExportedExchanges() {
        stored.add(2, "ana", "a", "b", null, 1);
        stored.add(5, "ana", "c", "d", null, 1);
        stored.add(9, "ana", "e", "f", null);

        DatasetSummary summary = export().export(List.of(GUILD), SINCE, UNTIL, Selection.THUMBS_UP).summary();

        assertThat(summary.first()).isEqualTo(SINCE.plusSeconds(7200));
        assertThat(summary.last()).isEqualTo(SINCE.plusSeconds(18000));
    }

    @Test
    void export_anEmptyPeriodIsRefused() {
        assertThatThrownBy(() -> export().export(List.of(GUILD), UNTIL, SINCE, Selection.THUMBS_UP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be before");
    }
}
