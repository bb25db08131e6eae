package dev.parley.core.moderation;

import org.jspecify.annotations.Nullable;

/**
 * Moderates a reply while it streams, so that no unsafe text is ever shown, not even for a moment.
 * Each piece is added to the text so far, and the text up to the last word boundary is checked
 * again and, if allowed, released: the unfinished word after it could still become a blocked term
 * (or, as "bomb" becomes "bombastic", stop being one) with the next piece. A boundary is where the
 * {@link TextNormaliser} ends a word, so a zero-width character or an accent is none. Not
 * thread-safe: one per reply.
 */
public final class ModeratedStream {

    private final Moderator moderator;
    private final ModerationPolicy policy;
    private final StringBuilder text = new StringBuilder();
    private int released;
    private Verdict.@Nullable Block block;

    ModeratedStream(Moderator moderator, ModerationPolicy policy) {
        this.moderator = moderator;
        this.policy = policy;
    }

    /**
     * Adds a piece of the reply.
     *
     * @return the verdict on the text so far; on allow, {@link #releasable()} grows
     */
    public Verdict offer(String piece) {
        if (block != null) {
            return block;
        }
        text.append(piece);
        int boundary = lastBoundary();
        return boundary > released ? judge(boundary) : Verdict.ALLOW;
    }

    /** Ends the reply: the unfinished last word is judged and released too. */
    public Verdict finish() {
        if (block != null) {
            return block;
        }
        return judge(text.length());
    }

    /** The text that passed moderation and may be shown. */
    public String releasable() {
        return text.substring(0, released);
    }

    private Verdict judge(int end) {
        Verdict verdict = moderator.moderate(text.substring(0, end), Direction.OUTPUT, policy);
        if (verdict instanceof Verdict.Block b) {
            block = b;
            return b;
        }
        released = end;
        return verdict;
    }

    /** The end of the last word boundary, or what is released already if there is none after it. */
    private int lastBoundary() {
        TextNormaliser normaliser = moderator.normaliser();
        for (int end = text.length(); end > released; ) {
            int cp = text.codePointBefore(end);
            boolean halfOfAPair = Character.isBmpCodePoint(cp) && Character.isSurrogate((char) cp);
            if (!halfOfAPair && normaliser.separatesWords(cp)) {
                return end;
            }
            end -= Character.charCount(cp);
        }
        return released;
    }
}
