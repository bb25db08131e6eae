package dev.parley.core.moderation.learned;

import java.util.Set;

/**
 * A quick guess whether a normalised text is English rather than Portuguese, from common
 * function words of each language that the other does not use.
 *
 * <p>The Portuguese classifier was trained on Portuguese only; on English text its n-grams are
 * mostly unseen and its output is noise, so it is not asked about text that reads as English.
 * Words both languages write alike ("a", "e", "so", "no", "me") count for neither.
 */
public final class LanguageCues {

    private static final Set<String> PORTUGUESE = Set.of(
            "que", "nao", "de", "do", "da", "dos", "das", "em", "na", "nas", "nos", "um", "uma", "para", "pra",
            "pro", "com", "por", "eu", "voce", "vc", "vcs", "ele", "ela", "eles", "elas", "meu", "minha", "seu",
            "sua", "isso", "esse", "essa", "este", "esta", "ta", "mas", "mais", "muito", "tudo", "ja", "quando",
            "como", "porque", "pq", "tem", "ser", "foi", "vai", "sao", "nem", "ai", "aqui", "la", "tao", "agora",
            "gente", "sim", "tambem", "tb", "ou", "mesmo", "ate", "quem", "vou", "estou", "to", "fica", "cara",
            "kkk", "kkkk", "kk", "mano", "ne", "entao", "sempre", "nunca", "depois", "ainda", "onde", "dia");
    private static final Set<String> ENGLISH = Set.of(
            "the", "and", "is", "are", "you", "i", "of", "that", "it", "for", "with", "this", "they", "we",
            "all", "be", "not", "was", "have", "my", "your", "what", "just", "like", "should", "can", "don",
            "dont", "he", "she", "them", "their", "who", "why", "how", "an", "at", "on", "if", "were", "would",
            "there", "these", "those", "people", "hate", "think", "really", "never", "always", "any", "get",
            "im", "its", "our", "us", "will", "am", "been", "being", "about", "than", "then", "from", "out");

    /** Whether more words of {@code normalised} are English function words than Portuguese ones. */
    public boolean readsAsEnglish(CharSequence normalised) {
        int english = 0;
        int portuguese = 0;
        int length = normalised.length();
        int start = 0;
        for (int i = 0; i <= length; i++) {
            if (i < length && normalised.charAt(i) != ' ') {
                continue;
            }
            if (i > start && i - start <= 7) {
                String word = normalised.subSequence(start, i).toString();
                if (ENGLISH.contains(word)) {
                    english++;
                } else if (PORTUGUESE.contains(word)) {
                    portuguese++;
                }
            }
            start = i + 1;
        }
        return english > portuguese;
    }
}
