package dev.parley.testkit.gguf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Learns byte-level BPE merges from a text, the textbook way: split the text into words, write
 * each word's UTF-8 bytes as {@link ByteSymbols}, then repeatedly merge the adjacent pair of
 * symbols that occurs most often (counted over all words, each as often as it occurs) into one
 * symbol. Ties go to the pair whose left symbol, then right symbol, is smallest in
 * {@link String#compareTo} order, so the same text always gives the same merges whatever order a
 * hash map happens to hold them in. Learning stops at the symbol budget, or when the most frequent
 * pair occurs only once: such a merge would only memorise one word of the text.
 *
 * <p>Small and quadratic on purpose: it learns from a few kilobytes for test vocabularies.
 */
final class BpeLearner {

    /**
     * Words as byte-level pre-tokenizers cut them: letters with at most one leading space, digits,
     * other symbols with at most one leading space, and runs of whitespace. Merges never cross
     * these edges, so a token never spans a space and the start of the next word but may end in
     * one: {@code Ġthe} exists, {@code eĠ} does not.
     */
    private static final Pattern WORD = Pattern.compile(" ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+");

    /**
     * One merge: {@code left} and {@code right} become {@link #result()}.
     *
     * @param left the symbol on the left
     * @param right the symbol on the right
     */
    record Merge(String left, String right) {

        /** The merged symbol. */
        String result() {
            return left + right;
        }

        /** As {@code tokenizer.ggml.merges} lists it: both symbols with a space between (no symbol holds one). */
        String ggufText() {
            return left + " " + right;
        }
    }

    private static final Comparator<Map.Entry<Merge, Integer>> BEST = Comparator
            .comparing((Map.Entry<Merge, Integer> e) -> e.getValue()).reversed()
            .thenComparing(e -> e.getKey().left())
            .thenComparing(e -> e.getKey().right());

    private BpeLearner() {}

    /**
     * The merges learned from {@code text}, in the order they were learned (llama.cpp's rank), up to
     * the one that makes the {@code maxSymbols}-th symbol not among the 256 byte symbols; fewer
     * when no pair is left that occurs twice. A merge whose result another merge made already adds
     * no symbol.
     */
    static List<Merge> learn(String text, int maxSymbols) {
        List<Word> words = words(text);
        Set<String> symbols = new HashSet<>();
        for (int b = 0; b < 256; b++) {
            symbols.add(ByteSymbols.of(b));
        }
        List<Merge> merges = new ArrayList<>();
        int added = 0;
        while (added < maxSymbols) {
            Map<Merge, Integer> pairs = new HashMap<>();
            for (Word word : words) {
                for (int i = 0; i + 1 < word.symbols.size(); i++) {
                    pairs.merge(new Merge(word.symbols.get(i), word.symbols.get(i + 1)), word.count, Integer::sum);
                }
            }
            Map.Entry<Merge, Integer> best = pairs.entrySet().stream().min(BEST).orElse(null);
            if (best == null || best.getValue() < 2) {
                break;
            }
            Merge merge = best.getKey();
            merges.add(merge);
            if (symbols.add(merge.result())) {
                added++;
            }
            for (Word word : words) {
                word.apply(merge);
            }
        }
        return merges;
    }

    /** The distinct words of {@code text} in order of first appearance, each with how often it occurs. */
    private static List<Word> words(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            counts.merge(matcher.group(), 1, Integer::sum);
        }
        List<Word> words = new ArrayList<>(counts.size());
        counts.forEach((word, count) -> words.add(new Word(new ArrayList<>(ByteSymbols.split(word)), count)));
        return words;
    }

    /** A word's current symbols and how often the word occurs. */
    private record Word(List<String> symbols, int count) {

        /** Merges every occurrence of the pair, left to right, as BPE does. */
        void apply(Merge merge) {
            for (int i = 0; i + 1 < symbols.size(); i++) {
                if (symbols.get(i).equals(merge.left()) && symbols.get(i + 1).equals(merge.right())) {
                    symbols.set(i, merge.result());
                    symbols.remove(i + 1);
                }
            }
        }
    }
}
