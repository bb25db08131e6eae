package dev.parley.core.moderation.learned;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * A quick guess whether a normalised text is English rather than Portuguese, from common
 * function words of each language that the other does not use.
 *
 * <p>The Portuguese classifier was trained on Portuguese only; on English text its n-grams are
 * mostly unseen and its output is noise, so it is not asked about text that reads as English. The
 * learned heads calibrate text that reads as Portuguese on its own scale ({@link CategoryHeads.Head}).
 * Words both languages write alike ("a", "e", "so", "no", "me") count for neither.
 */
public final class LanguageCues {

    private static final long[] PORTUGUESE = packedAndSorted(
            "que", "nao", "de", "do", "da", "dos", "das", "em", "na", "nas", "nos", "um", "uma", "para", "pra",
            "pro", "com", "por", "eu", "voce", "vc", "vcs", "ele", "ela", "eles", "elas", "meu", "minha", "seu",
            "sua", "isso", "esse", "essa", "este", "esta", "ta", "mas", "mais", "muito", "tudo", "ja", "quando",
            "como", "porque", "pq", "tem", "ser", "foi", "vai", "sao", "nem", "ai", "aqui", "la", "tao", "agora",
            "gente", "sim", "tambem", "tb", "ou", "mesmo", "ate", "quem", "vou", "estou", "to", "fica", "cara",
            "kkk", "kkkk", "kk", "mano", "ne", "entao", "sempre", "nunca", "depois", "ainda", "onde", "dia");
    private static final long[] ENGLISH = packedAndSorted(
            "the", "and", "is", "are", "you", "i", "of", "that", "it", "for", "with", "this", "they", "we",
            "all", "be", "not", "was", "have", "my", "your", "what", "just", "like", "should", "can", "don",
            "dont", "he", "she", "them", "their", "who", "why", "how", "an", "at", "on", "if", "were", "would",
            "there", "these", "those", "people", "hate", "think", "really", "never", "always", "any", "get",
            "im", "its", "our", "us", "will", "am", "been", "being", "about", "than", "then", "from", "out");

    /** Whether more words of {@code normalised} are English function words than Portuguese ones. */
    public boolean readsAsEnglish(CharSequence normalised) {
        return lead(normalised) > 0;
    }

    /**
     * Whether more words of {@code normalised} are Portuguese function words than English ones; a
     * text with as many of each (none, often, in a short message) reads as neither.
     */
    public boolean readsAsPortuguese(CharSequence normalised) {
        return lead(normalised) < 0;
    }

    /** English function words less Portuguese ones. */
    private static int lead(CharSequence normalised) {
        int english = 0;
        int portuguese = 0;
        int length = normalised.length();
        int start = 0;
        for (int i = 0; i <= length; i++) {
            if (i < length && normalised.charAt(i) != ' ') {
                continue;
            }
            long word = packed(normalised, start, i);
            if (word > 0) {
                if (Arrays.binarySearch(ENGLISH, word) >= 0) {
                    english++;
                } else if (Arrays.binarySearch(PORTUGUESE, word) >= 0) {
                    portuguese++;
                }
            }
            start = i + 1;
        }
        return english - portuguese;
    }

    /**
     * A word of one to seven characters below U+0200 as a number, nine bits a character, so the
     * lists are searched with no string made per word; 0 for any other word (no function word).
     */
    private static long packed(CharSequence text, int from, int to) {
        if (to <= from || to - from > 7) {
            return 0;
        }
        long word = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 0x200) {
                return 0;
            }
            word = word << 9 | c;
        }
        return word;
    }

    private static long[] packedAndSorted(String... words) {
        long[] packed = Stream.of(words).mapToLong(word -> packed(word, 0, word.length())).sorted().toArray();
        for (int i = 1; i < packed.length; i++) {
            if (packed[i] == packed[i - 1] || packed[i] == 0) {
                throw new IllegalStateException("function word lists must hold distinct words of 1-7 letters");
            }
        }
        return packed;
    }
}
