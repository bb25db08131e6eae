package dev.parley.core.moderation;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A short excerpt of a blocked text for the audit log and the audit channel, never the text
 * itself: at most {@value #MAX_LENGTH} characters on one line, in which the words that triggered
 * the block are masked after their first letter ({@code b***}). The words of a blocked term are
 * found through the normaliser, so evasions such as {@code B0MB} are masked too; where a provider
 * decided and the words cannot be told, every word of four or more letters is masked. An excerpt
 * in which nothing would be masked has every word of two or more letters masked instead.
 */
public final class RedactedExcerpt {

    /** The longest excerpt, ellipses included. */
    public static final int MAX_LENGTH = 80;
    /** How much of the text before the first masked word the excerpt keeps, for context. */
    static final int LEAD = 20;

    private final TextNormaliser normaliser;

    public RedactedExcerpt(TextNormaliser normaliser) {
        this.normaliser = Objects.requireNonNull(normaliser, "normaliser");
    }

    /** The excerpt of {@code text}, which {@code policy} blocked as {@code block} says. */
    public String of(String text, Verdict.Block block, ModerationPolicy policy) {
        List<String> tokens = List.of(text.strip().split("\\s+"));
        Set<String> termWords = block.category().equals(ModerationPolicy.CUSTOM_CATEGORY)
                ? matchedTermWords(text, policy.blockedTerms()) : Set.of();
        boolean[] masked = new boolean[tokens.size()];
        boolean any = false;
        for (int i = 0; i < tokens.size(); i++) {
            masked[i] = !termWords.isEmpty() && containsAny(normaliser.normalise(tokens.get(i)), termWords);
            any |= masked[i];
        }
        if (!any) { // the trigger cannot be told: every longer word
            any = maskLetters(tokens, masked, 4);
        }
        if (!any) {
            maskLetters(tokens, masked, 2);
        }
        StringBuilder line = new StringBuilder();
        int firstMasked = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (i > 0) {
                line.append(' ');
            }
            if (masked[i] && firstMasked < 0) {
                firstMasked = line.length();
            }
            line.append(masked[i] ? mask(tokens.get(i)) : tokens.get(i));
        }
        return window(line.toString(), Math.max(0, firstMasked));
    }

    /** The normalised words of every blocked term found in {@code text}. */
    private Set<String> matchedTermWords(String text, TermList terms) {
        String normalised = normaliser.normalise(text);
        String keepingLetters = normaliser.normaliseKeepingLetters(text);
        Set<String> words = new HashSet<>();
        for (int i = 0; i < terms.normalised().size(); i++) {
            if (terms.term(i).foundIn(normalised, keepingLetters)) {
                words.addAll(List.of(terms.normalised().get(i).strip().split(" ")));
                words.addAll(List.of(terms.keepingLetters().get(i).strip().split(" ")));
            }
        }
        return words;
    }

    private static boolean containsAny(String normalisedToken, Set<String> words) {
        for (String word : normalisedToken.strip().split(" ")) {
            if (words.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Marks every token with at least {@code minLetters} letters; whether any was marked. */
    private static boolean maskLetters(List<String> tokens, boolean[] masked, int minLetters) {
        boolean any = false;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).codePoints().filter(Character::isLetterOrDigit).count() >= minLetters) {
                masked[i] = true;
                any = true;
            }
        }
        return any;
    }

    /** The token with every letter or digit after the first one replaced by {@code *}. */
    static String mask(String token) {
        StringBuilder out = new StringBuilder(token.length());
        boolean first = true;
        for (int i = 0; i < token.length(); ) {
            int cp = token.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                if (first) {
                    out.appendCodePoint(cp);
                    first = false;
                } else {
                    out.append('*');
                }
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** At most {@link #MAX_LENGTH} characters of {@code line}, from a little before {@code focus}. */
    private static String window(String line, int focus) {
        if (line.length() <= MAX_LENGTH) {
            return line;
        }
        int start = Math.max(0, Math.min(focus - LEAD, line.length() - (MAX_LENGTH - 1)));
        String prefix = start > 0 ? "…" : "";
        int room = MAX_LENGTH - prefix.length();
        int end = start + room;
        if (end < line.length()) {
            end--; // room for the closing ellipsis
            return prefix + cut(line, start, end) + "…";
        }
        return prefix + cut(line, start, line.length());
    }

    /** A substring that splits no surrogate pair. */
    private static String cut(String line, int start, int end) {
        int from = start > 0 && Character.isLowSurrogate(line.charAt(start)) ? start + 1 : start;
        int to = end < line.length() && Character.isLowSurrogate(line.charAt(end)) ? end - 1 : end;
        return line.substring(from, to);
    }
}
