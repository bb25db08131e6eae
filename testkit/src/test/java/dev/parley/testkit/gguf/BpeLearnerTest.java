package dev.parley.testkit.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BpeLearnerTest {

    @Test
    void byteSymbols_areGpt2sMapping() {
        // printable Latin-1 stands for itself; the rest count up from 256 in byte order
        assertThat(ByteSymbols.of('a')).isEqualTo("a");
        assertThat(ByteSymbols.of(0xE9)).isEqualTo("é");
        assertThat(ByteSymbols.of(0)).isEqualTo("\u0100");
        assertThat(ByteSymbols.of(' ')).isEqualTo("\u0120"); // Ġ
        assertThat(ByteSymbols.of('\n')).isEqualTo("\u010A"); // Ċ
        assertThat(ByteSymbols.of(0x7F)).isEqualTo("\u0121");
        assertThat(ByteSymbols.of(0xAD)).isEqualTo("\u0143"); // the last: soft hyphen
        assertThat(ByteSymbols.encode(" ação")).isEqualTo("\u0120a\u00C3\u00A7\u00C3\u00A3o");
        assertThat(java.util.stream.IntStream.range(0, 256).mapToObj(ByteSymbols::of).distinct()).hasSize(256);
    }

    @Test
    void learn_tinyCorpus_mergesTheMostFrequentPairFirstAndBreaksTiesByText() {
        // "low", " lower", " lowest": l+o and o+w occur 3 times, "l" < "o"; then lo+w; then
        // low+e and Ġ+low tie at 2, "low" < "Ġ" (U+0120); then Ġ+lowe; every other pair occurs once
        List<String> merges = BpeLearner.learn("low lower lowest", 100).stream().map(BpeLearner.Merge::ggufText).toList();

        assertThat(merges).containsExactly("l o", "lo w", "low e", "\u0120 lowe");
    }

    @Test
    void learn_accentedWord_mergesItsBytesIntoOneSymbol() {
        // "ação" is a Ã § Ã £ o in symbols; every pair occurs twice, the smallest left symbol goes first
        List<BpeLearner.Merge> merges = BpeLearner.learn("ação ação", 100);

        assertThat(merges).extracting(BpeLearner.Merge::ggufText).containsExactly(
                "a \u00C3", "a\u00C3 \u00A7", "a\u00C3\u00A7 \u00C3", "a\u00C3\u00A7\u00C3 \u00A3", "a\u00C3\u00A7\u00C3\u00A3 o");
        assertThat(merges.getLast().result()).isEqualTo(ByteSymbols.encode("ação"));
    }

    @Test
    void learn_stopsAtTheSymbolBudget_andRepeatsItself() {
        List<BpeLearner.Merge> all = BpeLearner.learn(BpeCorpus.TEXT, Integer.MAX_VALUE);

        assertThat(BpeLearner.learn(BpeCorpus.TEXT, Integer.MAX_VALUE)).isEqualTo(all);
        assertThat(BpeLearner.learn("low lower lowest", 2)).extracting(BpeLearner.Merge::ggufText).containsExactly("l o", "lo w");
        assertThat(BpeLearner.learn(BpeCorpus.TEXT, 50)).isEqualTo(all.subList(0, 50 + duplicatesAmong(all, 50)));
        assertThat(all).hasSizeGreaterThan(300);
        assertThat(all).extracting(BpeLearner.Merge::result).contains(ByteSymbols.encode(" the"),
                ByteSymbols.encode(" você"), ByteSymbols.encode("ção"));
    }

    /** How many of the merges that make the first {@code symbols} new symbols repeat an earlier result. */
    private static int duplicatesAmong(List<BpeLearner.Merge> merges, int symbols) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        int duplicates = 0;
        for (BpeLearner.Merge merge : merges) {
            if (seen.size() == symbols) {
                break;
            }
            if (!seen.add(merge.result())) {
                duplicates++;
            }
        }
        return duplicates;
    }
}
