package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.moderation.Lexicon.Entry;
import dev.parley.core.moderation.Lexicon.Hit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntryMatcherTest {

    private static final Entry BOMB = new Entry(new String[] {"bomb"}, Category.ILLICIT_VIOLENT, null, 1);
    private static final Entry BATH_BOMB = new Entry(new String[] {"bath", "bomb"}, null, Role.HARMLESS, 1);

    /** "bath bomb" then "bomb", {@code copies} times: every other "bomb" inside a harmless phrase. */
    private static EntryMatcher matched(int copies) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            words.addAll(List.of("bath", "bomb", "a", "bomb"));
        }
        EntryMatcher matcher = new EntryMatcher(words.toArray(String[]::new));
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals("bath")) {
                matcher.addHit(i, BATH_BOMB);
            } else if (words.get(i).equals("bomb")) {
                matcher.addHit(i, BOMB);
            }
        }
        return matcher;
    }

    @Test
    void hits_leaveOutWhatIsInsideAHarmlessPhrase_andThePhrase() {
        List<Hit> hits = matched(3).hits();

        assertThat(hits).extracting(Hit::start).containsExactly(3, 7, 11);
        assertThat(hits).allMatch(hit -> hit.entry() == BOMB);
    }

    @Test
    void hits_manyHarmlessPhrases_costWorkLinearInTheText() {
        EntryMatcher once = matched(2_000);
        once.hits();
        EntryMatcher fourTimes = matched(8_000);
        fourTimes.hits();

        assertThat(once.harmlessChecks()).isPositive();
        // every hit compared with every phrase grew sixteen times for four times the text
        assertThat((double) fourTimes.harmlessChecks() / once.harmlessChecks()).isBetween(3.5, 4.5);
    }
}
