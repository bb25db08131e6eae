package dev.parley.core.moderation;

/** Runs a policy's rules over a text and returns the first block, or allow. Stateless. */
public final class Moderator {

    private final TextNormaliser normaliser;

    public Moderator(TextNormaliser normaliser) {
        this.normaliser = normaliser;
    }

    /** Judges {@code text} travelling in {@code direction} under {@code policy}. */
    public Verdict moderate(String text, Direction direction, ModerationPolicy policy) {
        if (!policy.directions().contains(direction)) {
            return Verdict.ALLOW;
        }
        String normalised = normaliser.normalise(text);
        for (ModerationRule rule : policy.rules()) {
            Verdict verdict = rule.check(normalised, direction);
            if (verdict.blocked()) {
                return verdict;
            }
        }
        return Verdict.ALLOW;
    }

    /** The normaliser this moderator judges with; streams use it to find word boundaries. */
    TextNormaliser normaliser() {
        return normaliser;
    }

    /** Starts moderating a reply that arrives in pieces; see {@link ModeratedStream}. */
    public ModeratedStream stream(ModerationPolicy policy) {
        return new ModeratedStream(this, policy);
    }
}
