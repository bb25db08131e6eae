package dev.parley.core.moderation;

import org.jspecify.annotations.Nullable;

/**
 * Moderates a reply while it streams, so that no unsafe text is ever shown, not even for a moment.
 * Each piece is added to the text so far, and the text up to the last word boundary is checked
 * again and, if allowed, released: the unfinished word after it could still become a blocked term
 * (or, as "bomb" becomes "bombastic", stop being one) with the next piece. A boundary is where the
 * {@link TextNormaliser} ends a word, so a zero-width character or an accent is none; and a trailing
 * run of single letters is held back too, as it may be spelling a word out ("b o m b"). Every
 * released prefix has been judged as a whole by all tiers, so a block from any provider stops the
 * reply before the unsafe part is shown. Prefixes are not cached. Not thread-safe: one per reply.
 *
 * <p>When a dearer tier (an endpoint, an LLM guard) is asked on every text, asking it at every word
 * would cost one request per word: then each word is judged by the first (local) tier only, to
 * stop a reply early, and text is released only at sentence ends (and at the finish), or once
 * {@value #LONGEST_HELD} characters wait for one, and its first words once {@value #FIRST_PIECE}
 * characters have come, each judged by all tiers. The reply then appears
 * sentence by sentence instead of word by word. There, all tiers read the new text with at most
 * {@value #CONTEXT} characters of what came before it, from a sentence start where there is one,
 * rather than the whole reply so far: every sentence is still read in the context of those before
 * it, each by the local tier in the whole reply at every word, and the whole reply is judged once at
 * the finish; but a long reply is no longer read again from its start at every sentence.
 *
 * <p>A stream started with the user's message the reply answers ({@link Moderator#stream(ModerationPolicy,
 * String)}) hands it to every judgment, so a tier that reads the prompt (a guard model) judges each
 * part of the reply in its conversation.
 */
public final class ModeratedStream {

    /**
     * When judging by sentence, the most text held back waiting for a sentence end: past it the
     * text up to the last word boundary is judged by all tiers and released, so a reply without
     * punctuation (a list, code, a run-on answer) still streams.
     */
    static final int LONGEST_HELD = 80;

    /**
     * When judging by sentence, the first words are released once this many characters have come
     * (judged by all tiers), so the user sees the answer begin without waiting for a sentence end.
     */
    static final int FIRST_PIECE = 24;

    /**
     * When judging by sentence, the most text the dearer tiers read at once before the finish: the
     * new text and what came before it up to this length. Reading the whole reply so far at every
     * sentence cost time growing with the square of its length (about 2.4 s of moderation per
     * 1,000 characters of a 1,700-character reply, measured by {@code LongReplies}). 300 characters
     * keep the text within what the learned tier's encoder reads to its end (128 tokens, about 330
     * characters of Portuguese), so the newest sentence, at the end, is always read.
     */
    static final int CONTEXT = 300;

    private final Moderator moderator;
    private final ModerationPolicy policy;
    private final StringBuilder text = new StringBuilder();
    private final boolean bySentence;
    private final @Nullable String inReplyTo;
    private int released;
    private Verdict.@Nullable Block block;

    ModeratedStream(Moderator moderator, ModerationPolicy policy, @Nullable String inReplyTo) {
        this.moderator = moderator;
        this.policy = policy;
        this.inReplyTo = inReplyTo;
        this.bySentence = moderator.hasDearTiersAlways();
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
        if (boundary <= released) {
            return Verdict.ALLOW;
        }
        if (!bySentence) {
            return judge(0, boundary);
        }
        Verdict cheap = moderator.evaluate(text.substring(0, boundary), Direction.OUTPUT, policy, false, 1, inReplyTo)
                .verdict();
        if (cheap instanceof Verdict.Block b) {
            block = b;
            return b;
        }
        int sentence = lastSentenceEnd(boundary);
        boolean firstWords = released == 0 && boundary >= FIRST_PIECE;
        if (sentence <= released && (firstWords || boundary - released >= LONGEST_HELD)) {
            sentence = boundary; // the first words show the answer has begun; a run-on reply still streams
        }
        return sentence > released ? judge(contextStart(sentence), sentence) : Verdict.ALLOW;
    }

    /**
     * Where the text judged with the new text up to {@code end} starts: the first sentence start
     * (else word start) within {@link #CONTEXT} characters of {@code end}, never after what is
     * released, so all that is new is read.
     */
    private int contextStart(int end) {
        int earliest = Math.max(0, end - CONTEXT);
        if (earliest >= released) {
            return released;
        }
        int wordStart = -1;
        for (int i = earliest; i < released; i++) {
            if (i == 0 || (!Character.isWhitespace(text.charAt(i)) && Character.isWhitespace(text.charAt(i - 1)))) {
                if (i == 0 || endsSentence(i - 1)) {
                    return i;
                }
                wordStart = wordStart < 0 ? i : wordStart;
            }
        }
        return wordStart < 0 ? released : wordStart;
    }

    /** Whether the white space ending at {@code last} follows a sentence: a line break in it, or {@code .!?…} before it. */
    private boolean endsSentence(int last) {
        int i = last;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            if (text.charAt(i) == '\n') {
                return true;
            }
            i--;
        }
        if (i < 0) {
            return true;
        }
        char c = text.charAt(i);
        return c == '.' || c == '!' || c == '?' || c == '…';
    }

    /** The end of the last sentence ({@code .!?…} or a line break, then a word boundary) at or before {@code limit}. */
    private int lastSentenceEnd(int limit) {
        for (int end = limit; end > released; end--) {
            char before = text.charAt(end - 1);
            if (before == '\n') {
                return end;
            }
            boolean closes = before == '.' || before == '!' || before == '?' || before == '…';
            if (closes && (end == limit || Character.isWhitespace(text.charAt(end)))) {
                return end;
            }
        }
        return released;
    }

    /** Ends the reply: the unfinished last word is judged and released too. */
    public Verdict finish() {
        if (block != null) {
            return block;
        }
        return judge(0, text.length());
    }

    /** Everything received so far, judged or not: for the audit log's hash and scores, never for users. */
    public String receivedText() {
        return text.toString();
    }

    /** The text that passed moderation and may be shown. */
    public String releasable() {
        return text.substring(0, released);
    }

    /** Judges the text from {@code start} to {@code end} by all tiers; on allow, releases up to {@code end}. */
    private Verdict judge(int start, int end) {
        Verdict verdict = moderator.evaluate(text.substring(start, end), Direction.OUTPUT, policy, false,
                Integer.MAX_VALUE, inReplyTo).verdict();
        if (verdict instanceof Verdict.Block b) {
            block = b;
            return b;
        }
        released = end;
        return verdict;
    }

    /**
     * Moves a boundary back over a run of single-letter words before it ("make a b o m "), so that a
     * word spelled out letter by letter is judged whole.
     */
    private int beforeSingleLetters(int boundary) {
        TextNormaliser normaliser = moderator.normaliser();
        int end = boundary;
        while (end > released) {
            int wordEnd = end;
            while (wordEnd > released && separates(normaliser, text.codePointBefore(wordEnd))) {
                wordEnd -= Character.charCount(text.codePointBefore(wordEnd));
            }
            if (wordEnd == released) {
                return end;
            }
            int letter = text.codePointBefore(wordEnd);
            int wordStart = wordEnd - Character.charCount(letter);
            boolean letterLike = Character.isLetter(letter) || "013457".indexOf(letter) >= 0; // "b 0 m b"
            boolean single = letterLike
                    && (wordStart == 0 || separates(normaliser, text.codePointBefore(wordStart)));
            if (!single) {
                return end;
            }
            end = wordStart;
        }
        return Math.max(end, released);
    }

    private static boolean separates(TextNormaliser normaliser, int cp) {
        boolean halfOfAPair = Character.isBmpCodePoint(cp) && Character.isSurrogate((char) cp);
        return !halfOfAPair && normaliser.separatesWords(cp);
    }

    /** The end of the last word boundary, or what is released already if there is none after it. */
    private int lastBoundary() {
        TextNormaliser normaliser = moderator.normaliser();
        for (int end = text.length(); end > released; ) {
            int cp = text.codePointBefore(end);
            boolean halfOfAPair = Character.isBmpCodePoint(cp) && Character.isSurrogate((char) cp);
            if (!halfOfAPair && normaliser.separatesWords(cp)) {
                return beforeSingleLetters(end);
            }
            end -= Character.charCount(cp);
        }
        return released;
    }
}
