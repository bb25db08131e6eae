package dev.parley.model.llama;

import java.util.Arrays;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A prompt as the chat template rendered it, and where the template's opening of the reply (its
 * generation prompt) begins in it. The cache needs the boundary: a template may render a reply
 * differently once it is an earlier turn (Qwen3 leaves out the empty thinking block the reply was
 * generated after), so the next turn's prompt keeps this one's turns but not its opening.
 *
 * @param text the whole prompt, the opening of the reply last
 * @param turnsLength how many leading characters of {@code text} are the conversation's turns;
 *     {@code text.length()} when that is not known (a prompt given as it is, or a template
 *     whose turns alone do not render as a prefix of the whole)
 */
record RenderedPrompt(String text, int turnsLength) {

    RenderedPrompt {
        if (turnsLength < 0 || turnsLength > text.length()) {
            throw new IllegalArgumentException("turnsLength must be in 0.." + text.length() + ", was " + turnsLength);
        }
    }

    /** A prompt whose opening of the reply is not known: all of it counts as turns. */
    static RenderedPrompt whole(String text) {
        return new RenderedPrompt(text, text.length());
    }

    /** {@code text} whose turns, rendered without the opening of the reply, are {@code turns} (null: not known). */
    static RenderedPrompt of(String text, @Nullable String turns) {
        return turns != null && text.startsWith(turns) ? new RenderedPrompt(text, turns.length()) : whole(text);
    }

    /** The template's opening of the reply: what follows the turns, empty if not known. */
    String replyOpening() {
        return text.substring(turnsLength);
    }

    /**
     * Whether the opening of the reply leaves a thought open (a template that always thinks ends
     * it with {@code <think>}): the reply then starts inside it. Only the template's own opening
     * tells, never the turns, where a user may have typed the marker.
     */
    boolean opensThought() {
        String opening = replyOpening();
        return opening.lastIndexOf(ThinkingText.OPEN) > opening.lastIndexOf(ThinkingText.CLOSE);
    }

    /**
     * How many leading tokens of {@code prompt}, the tokens of {@link #text()}, are the turns:
     * all but the opening's own tokens when {@code prompt} ends with them, else all of them (the
     * tokenizer merged across the boundary, so it is not known).
     *
     * @param tokenizer the tokens of a piece of the prompt, special-token text parsed, no start token added
     */
    int turnsEnd(int[] prompt, Function<String, int[]> tokenizer) {
        String opening = replyOpening();
        if (opening.isEmpty()) {
            return prompt.length;
        }
        int[] tail = tokenizer.apply(opening);
        int from = prompt.length - tail.length;
        boolean endsWithTail = from >= 0 && Arrays.equals(prompt, from, prompt.length, tail, 0, tail.length);
        return endsWithTail ? from : prompt.length;
    }
}
