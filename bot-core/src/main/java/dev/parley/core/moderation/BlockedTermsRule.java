package dev.parley.core.moderation;

import java.util.Collection;
import java.util.List;

/**
 * Blocks text that contains one of a list of terms as whole words, after normalisation on both
 * sides, so "B̶ÓMB" written with accents, zero-width spaces or full-width letters still matches
 * "bomb", while "bombastic" does not.
 */
public final class BlockedTermsRule implements ModerationRule {

    private final List<String> normalisedTerms;
    private final String category;

    /**
     * @param terms the blocked words or phrases; blank terms are ignored
     * @param category the category reported when a term matches
     */
    public BlockedTermsRule(Collection<String> terms, String category, TextNormaliser normaliser) {
        this.category = category;
        this.normalisedTerms = terms.stream()
                .map(normaliser::normalise)
                .filter(term -> !term.isBlank())
                .distinct()
                .toList();
    }

    @Override
    public String name() {
        return "blocked-terms";
    }

    @Override
    public Verdict check(String normalised, Direction direction) {
        for (String term : normalisedTerms) {
            if (normalised.contains(term)) {
                return new Verdict.Block(name(), category, "contains a blocked term");
            }
        }
        return Verdict.ALLOW;
    }
}
