package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A streamed reply with a dearer tier asked always: judged by it at sentence ends, not at every word. */
class ModeratedStreamTiersTest {

    private final TextNormaliser normaliser = new TextNormaliser();
    private final ModerationPolicy policy = ModerationPolicy.of(TermList.EMPTY,
            Set.of(Direction.INPUT, Direction.OUTPUT), "input blocked", "output blocked");

    @Test
    void aDearTierAskedAlwaysJudgesSentencesNotWords() {
        Recording endpoint = new Recording(text -> Assessment.NONE);
        ModeratedStream stream = streamJudgedBy(endpoint, policy);

        List<String> shown = new ArrayList<>();
        for (String word : "The sun rose early. Birds sang in the tall trees. Then it rained all day".split("(?<= )")) {
            assertThat(stream.offer(word)).isEqualTo(Verdict.ALLOW);
            shown.add(stream.releasable());
        }
        assertThat(stream.finish()).isEqualTo(Verdict.ALLOW);

        assertThat(endpoint.seen).containsExactly("The sun rose early.",
                "The sun rose early. Birds sang in the tall trees.",
                "The sun rose early. Birds sang in the tall trees. Then it rained all day");
        assertThat(shown).allSatisfy(text -> assertThat(text).isIn("", "The sun rose early.",
                "The sun rose early. Birds sang in the tall trees."));
        assertThat(stream.releasable()).endsWith("rained all day");
    }

    @Test
    void aReplyToAKnownMessageIsJudgedWithItAtEverySentenceAndTheFinish() {
        Recording endpoint = new Recording(text -> Assessment.NONE);
        ModeratedStream stream = Moderator.tiered(normaliser,
                List.of(Tier.always(LocalModerationProvider.standard(normaliser)), Tier.always(endpoint)), 0)
                .stream(policy, "what happens at dawn?");

        for (String word : "The sun rose early. Birds sang in the tall trees. Then it rained".split("(?<= )")) {
            stream.offer(word);
        }
        stream.finish();

        assertThat(endpoint.seen).hasSize(3);
        assertThat(endpoint.prompts).containsExactly("what happens at dawn?", "what happens at dawn?",
                "what happens at dawn?");
    }

    @Test
    void aSentenceTheDearTierBlocksIsNeverReleased() {
        Recording endpoint = new Recording(text -> text.contains("secret")
                ? new Assessment(CategoryScores.none().with(Category.ILLICIT_VIOLENT, 1.0),
                        Map.of(Category.ILLICIT_VIOLENT, "endpoint: flagged"))
                : Assessment.NONE);
        ModeratedStream stream = streamJudgedBy(endpoint, policy);

        Verdict last = Verdict.ALLOW;
        for (String word : "Hello there. The secret recipe follows. More".split("(?<= )")) {
            last = stream.offer(word);
            if (last.blocked()) {
                break;
            }
        }

        assertThat(last.blocked()).isTrue();
        assertThat(stream.releasable()).isEqualTo("Hello there.");
    }

    @Test
    void theLocalTierStillStopsAReplyMidSentence() {
        Recording endpoint = new Recording(text -> Assessment.NONE);
        ModerationPolicy strict = ModerationPolicy.of(TermList.of(List.of("pineapple"), normaliser),
                Set.of(Direction.OUTPUT), "input blocked", "output blocked");
        ModeratedStream stream = streamJudgedBy(endpoint, strict);

        Verdict verdict = Verdict.ALLOW;
        for (String word : "I like pineapple on pizza very much".split("(?<= )")) {
            verdict = stream.offer(word);
            if (verdict.blocked()) {
                break;
            }
        }

        assertThat(verdict.blocked()).isTrue();
        assertThat(endpoint.seen).isEmpty();
        assertThat(stream.releasable()).isEmpty();
    }

    @Test
    void aRunOnReplyWithoutSentenceEndsIsStillReleasedAFewWordsAtATime_eachPieceJudgedByTheDearTier() {
        Recording endpoint = new Recording(text -> Assessment.NONE);
        ModeratedStream stream = streamJudgedBy(endpoint, policy);

        String reply = "first item second item third item fourth item fifth item sixth item seventh item "
                + "eighth item ninth item tenth item eleventh item twelfth item";
        int releases = 0;
        String before = "";
        for (String word : reply.split("(?<= )")) {
            assertThat(stream.offer(word)).isEqualTo(Verdict.ALLOW);
            if (!stream.releasable().equals(before)) {
                releases++;
                assertThat(stream.releasable().length() - before.length()).isLessThanOrEqualTo(ModeratedStream.LONGEST_HELD + 16);
                before = stream.releasable();
            }
        }
        assertThat(releases).as("pieces released before the finish").isGreaterThanOrEqualTo(2);
        assertThat(endpoint.seen).as("every released piece was judged by the dear tier").hasSize(releases);
        assertThat(stream.finish()).isEqualTo(Verdict.ALLOW);
        assertThat(stream.releasable()).isEqualTo(reply);
    }

    @Test
    void theFirstWordsOfAReplyAreReleasedBeforeItsFirstSentenceEnds() {
        Recording endpoint = new Recording(text -> Assessment.NONE);
        ModeratedStream stream = streamJudgedBy(endpoint, policy);

        for (String word : "Once upon a time there was a long sentence that goes on".split("(?<= )")) {
            stream.offer(word);
        }
        assertThat(stream.releasable()).startsWith("Once upon a time there").doesNotContain("goes");
        assertThat(endpoint.seen).containsExactly(stream.releasable());
    }

    @Test
    void aLongReplyIsReadByTheDearTierASentenceWithItsContext_notFromItsStartEachTime_andWholeAtTheFinish() {
        Recording endpoint = new Recording(text -> Assessment.NONE);
        ModeratedStream stream = streamJudgedBy(endpoint, policy);
        StringBuilder reply = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            reply.append("Step ").append(i).append(" is to water the tomato plants in row ").append(i).append(". ");
        }
        String whole = reply.toString().strip();

        for (String word : whole.split("(?<= )")) {
            assertThat(stream.offer(word)).isEqualTo(Verdict.ALLOW);
        }
        assertThat(stream.finish()).isEqualTo(Verdict.ALLOW);

        List<String> beforeFinish = endpoint.seen.subList(0, endpoint.seen.size() - 1);
        assertThat(beforeFinish).hasSizeGreaterThanOrEqualTo(40)
                .allSatisfy(text -> assertThat(text.length()).isLessThanOrEqualTo(ModeratedStream.CONTEXT))
                .allSatisfy(text -> assertThat(text).startsWith("Step "));
        assertThat(beforeFinish.subList(1, beforeFinish.size())).as("after the first words, sentences")
                .allSatisfy(text -> assertThat(text).endsWith("."));
        assertThat(beforeFinish.getLast()).endsWith("row 40.").contains("row 39.");
        assertThat(endpoint.seen.getLast()).isEqualTo(whole);
        for (int i = 1; i <= 40; i++) {
            String sentence = "row " + i + ".";
            assertThat(beforeFinish).as("sentence %d read before it is shown", i).anyMatch(text -> text.endsWith(sentence));
        }
    }

    @Test
    void harmSpreadOverTwoSentencesLateInALongReplyIsStoppedBeforeItsSecondHalfIsShown() {
        Recording endpoint = new Recording(text -> text.contains("Dana") && text.contains("bat")
                ? new Assessment(CategoryScores.none().with(Category.ILLICIT_VIOLENT, 1.0),
                        Map.of(Category.ILLICIT_VIOLENT, "endpoint: flagged"))
                : Assessment.NONE);
        ModeratedStream stream = streamJudgedBy(endpoint, policy);
        String preamble = "The weather was mild and the garden needed work. ".repeat(12);

        Verdict last = Verdict.ALLOW;
        for (String word : (preamble + "Find out where Dana parks her car. Then wait there with the bat. Done.").split("(?<= )")) {
            last = stream.offer(word);
            if (last.blocked()) {
                break;
            }
        }

        assertThat(last.blocked()).isTrue();
        assertThat(stream.releasable()).endsWith("parks her car.").doesNotContain("bat");
    }

    /** A reply stream judged by the local tier and then by {@code endpoint}, asked always. */
    private ModeratedStream streamJudgedBy(Recording endpoint, ModerationPolicy under) {
        return Moderator.tiered(normaliser,
                List.of(Tier.always(LocalModerationProvider.standard(normaliser)), Tier.always(endpoint)), 0)
                .stream(under);
    }

    /** A provider that records the texts it was asked about. */
    private static final class Recording implements ModerationProvider {

        private final java.util.function.Function<String, Assessment> answer;
        final List<String> seen = new ArrayList<>();
        final List<@org.jspecify.annotations.Nullable String> prompts = new ArrayList<>();

        Recording(java.util.function.Function<String, Assessment> answer) {
            this.answer = answer;
        }

        @Override
        public String name() {
            return "endpoint";
        }

        @Override
        public Assessment assess(ModerationRequest request) {
            seen.add(request.text());
            prompts.add(request.inReplyTo());
            return answer.apply(request.text());
        }
    }
}
