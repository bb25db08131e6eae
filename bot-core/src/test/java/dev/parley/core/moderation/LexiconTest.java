package dev.parley.core.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LexiconTest {

    private final TextNormaliser normaliser = new TextNormaliser();

    private int hits(Lexicon lexicon, String text) {
        return lexicon.scan(normaliser.normalise(text)).hits().size();
    }

    @Test
    void parse_readsTermsKindsAndWeights() {
        Lexicon lexicon = Lexicon.parse("""
                # a comment
                scum\tderogation\t0.9
                Não Presta\tderogation   # trailing comment
                """, normaliser);

        assertThat(lexicon.size()).isEqualTo(2);
        assertThat(lexicon.scan(normaliser.normalise("isso nao presta")).hits()).singleElement()
                .satisfies(hit -> assertThat(hit.entry().weight()).isEqualTo(1.0));
    }

    @Test
    void parse_rejectsUnknownKindsBadWeightsAndEmptyTerms() {
        assertThatThrownBy(() -> Lexicon.parse("x\tnonsense", normaliser)).hasMessageContaining("unknown kind");
        assertThatThrownBy(() -> Lexicon.parse("x\thate\t2", normaliser)).hasMessageContaining("weight");
        assertThatThrownBy(() -> Lexicon.parse("?!\thate", normaliser)).hasMessageContaining("no letters");
        assertThatThrownBy(() -> Lexicon.parse("just-one-field", normaliser)).hasMessageContaining("expected");
    }

    @Test
    void scan_matchesASlurOrInsultWithOneLetterOrTwoNeighboursMasked() {
        Lexicon lexicon = Lexicon.parse("faggot\thate\nidiot\tharassment\nbomb\tweapon", normaliser);

        assertThat(hits(lexicon, "you f*ggot")).isEqualTo(1);
        assertThat(hits(lexicon, "you f**got")).isEqualTo(1);
        assertThat(hits(lexicon, "an id*ot")).isEqualTo(1);
        assertThat(hits(lexicon, "f***ot fag*ots")).as("three masks, one letter too many").isZero();
        assertThat(hits(lexicon, "a b*mb")).as("only slurs and insults are read through a mask").isZero();
    }

    @Test
    void scan_matchesAWordWrittenWithItsDoubleLettersSingleOrRepeated() {
        Lexicon lexicon = Lexicon.parse("kill\tviolent-act", normaliser);

        assertThat(hits(lexicon, "kil them")).isZero();
        assertThat(hits(lexicon, "kiiiilll them")).isOne();
        assertThat(hits(lexicon, "kiill them")).isOne();
    }

    @Test
    void scan_matchesAPhraseWhoseLaterWordIsWrittenWithALetterRepeated() {
        Lexicon lexicon = Lexicon.parse("i hate\thatred\nshould be killed\twish", normaliser);

        assertThat(hits(lexicon, "I haaaate them")).isOne();
        assertThat(hits(lexicon, "they should be kiiiled")).isOne();
        assertThat(hits(lexicon, "they should be kiled")).as("a double written single only counts repeated").isZero();
        assertThat(hits(lexicon, "I hat them")).as("another word").isZero();
        assertThat(hits(lexicon, "I")).as("the phrase runs past the text").isZero();
    }

    @Test
    void scan_matchesPrefixEntriesOnlyAtTheStartOfAWord() {
        Lexicon lexicon = Lexicon.parse("exterminat*\tviolent-act", normaliser);

        assertThat(hits(lexicon, "exterminated")).isOne();
        assertThat(hits(lexicon, "extermination")).isOne();
        assertThat(hits(lexicon, "the exterminator")).isOne();
        assertThat(hits(lexicon, "preexterminate")).isZero();
    }

    @Test
    void scan_ignoresEntriesInsideAHarmlessPhrase() {
        Lexicon lexicon = Lexicon.parse("bomb\tweapon\nbath bomb\tharmless", normaliser);

        assertThat(hits(lexicon, "a bath bomb")).isZero();
        assertThat(hits(lexicon, "a bomb in the bath")).isOne();
    }

    @Test
    void standard_loadsWithoutErrors() {
        assertThat(Lexicon.standard(normaliser).size()).isGreaterThan(1000);
    }
    @Test
    void scan_forgivesATypoInHatredAndViolentActsFromFourLettersButNotInShortSlurs() {
        Lexicon lexicon = Lexicon.parse("hate\thatred\nkill\tviolent-act\npakis\thate\t0.8\nfaggots\thate", normaliser);

        assertThat(hits(lexicon, "i haet them")).isOne();
        assertThat(hits(lexicon, "i will klil")).isOne();
        assertThat(hits(lexicon, "os meus pais")).isZero();
        assertThat(hits(lexicon, "fagots")).isOne();
    }

    @Test
    void scan_aShortViolentActOrHatredLessALetter_isTheOrdinaryWordItSpells() {
        Lexicon lexicon = Lexicon.parse("drown\tviolent-act\nbeat\tviolent-act\nkill\tviolent-act\nloathe\thatred\nmurder\tviolent-act", normaliser);

        assertThat(hits(lexicon, "you should write down the steps")).isZero(); // drown less the r
        assertThat(hits(lexicon, "we should eat")).isZero(); // beat less the b
        assertThat(hits(lexicon, "i feel ill")).isZero(); // kill less the k
        assertThat(hits(lexicon, "i will drwon you")).isOne(); // swapped letters still count
        assertThat(hits(lexicon, "i will muder you")).isOne(); // six letters and more: a letter left out counts
        assertThat(hits(lexicon, "i lothe them")).isOne();
    }

    @Test
    void scan_splitsAGluedWordOfFiveLettersWhenBothPartsAreKnown() {
        Lexicon lexicon = Lexicon.parse("hate\thatred\ndie\tviolent-act", normaliser);

        assertThat(lexicon.scan(normaliser.normalise("ihate them")).hits()).singleElement()
                .satisfies(hit -> assertThat(hit.is(Role.HATRED)).isTrue());
        assertThat(lexicon.scan(normaliser.normalise("they deserve todie")).hits()).singleElement()
                .satisfies(hit -> assertThat(hit.is(Role.VIOLENT_ACT)).isTrue());
        assertThat(hits(lexicon, "today studies")).isZero();
    }
    @Test
    void scan_forgivesATypoInTheFirstWordOfAPhraseAndSplitsItOffAGluedWord() {
        Lexicon lexicon = Lexicon.parse("hatred for\thatred\ndisgust me\tderogation\nwomen\tidentity", normaliser);

        assertThat(hits(lexicon, "so much hatrd for them")).isOne();
        assertThat(hits(lexicon, "so much hatred fr them")).isZero();
        assertThat(hits(lexicon, "womendisgust me")).isEqualTo(2);
    }
}
