package dev.parley.core.moderation.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashedNgramsTest {

    private final HashedNgrams features = new HashedNgrams(16, 1, 2);

    private List<Integer> bucketsOf(String text) {
        int[] buffer = new int[features.maxFeatures(text.length())];
        int count = features.features(text, buffer);
        List<Integer> buckets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            buckets.add(buffer[i]);
        }
        return buckets;
    }

    @Test
    void aWordGivesItsCharacterNgramsWithASpaceAtEachEnd_andItself() {
        // " ab ": unigrams " ", "a", "b", " " is not repeated at the end (it starts no n-gram of
        // its own past the text); bigrams " a", "ab", "b "; and the word "ab".
        assertThat(bucketsOf("ab")).hasSize(3 + 3 + 1);
    }

    @Test
    void twoWordsAddAPairFeature() {
        // Six starting positions (the leading space and five characters) with two lengths each,
        // the words "ab" and "cd", and the pair "ab cd".
        assertThat(bucketsOf("ab cd")).hasSize(6 * 2 + 2 + 1);
    }

    @Test
    void theSameTextGivesTheSameBuckets_andEveryBucketIsInRange() {
        List<Integer> first = bucketsOf("voce e um lixo");
        assertThat(bucketsOf("voce e um lixo")).isEqualTo(first);
        assertThat(first).allSatisfy(bucket -> assertThat(bucket).isBetween(0, features.buckets() - 1));
        assertThat(bucketsOf("voce e um luxo")).isNotEqualTo(first);
    }

    @Test
    void wordOrderChangesThePairFeatures() {
        assertThat(bucketsOf("um lixo").stream().sorted().toList())
                .isNotEqualTo(bucketsOf("lixo um").stream().sorted().toList());
    }

    @Test
    void aRunOfOneLetterCountsAsOneLetter() {
        assertThat(bucketsOf("gordaaaa")).isEqualTo(bucketsOf("gorda"));
    }

    @Test
    void theBufferSizeItAsksForHoldsTheFeaturesOfTheWorstText() {
        // alternating one-letter words give the most words and pairs for their length
        String text = "a b ".repeat(100).trim();
        HashedNgrams widest = new HashedNgrams(16, 1, 8);
        assertThat(widest.features(text, new int[widest.maxFeatures(text.length())]))
                .isLessThanOrEqualTo(widest.maxFeatures(text.length()));
    }

    @Test
    void anEmptyTextHasOnlyTheSpacesAroundIt() {
        assertThat(bucketsOf("")).hasSize(2); // " " and "  "
    }

    @Test
    void sizesOutsideTheSupportedRangeAreRefused() {
        assertThatThrownBy(() -> new HashedNgrams(9, 1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HashedNgrams(25, 1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HashedNgrams(16, 3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HashedNgrams(16, 0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HashedNgrams(16, 1, 9)).isInstanceOf(IllegalArgumentException.class);
    }
}
