package dev.parley.model.moderation;

import dev.parley.core.moderation.Direction;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Llama Guard 3's prompt for one text: the task, the fourteen categories, the conversation and the
 * answer format, in the Llama 3 chat layout the model was trained on.
 *
 * <p>A prompt is judged as the conversation's last {@code User} turn; a reply as its last
 * {@code Agent} turn, after the {@code User} turn it answers when that is known, as the model was
 * trained to judge a response: in context, so that a bare "yes, here is how" to a harmful request
 * is judged as the answer to that request. A reply with no known message is judged alone.
 *
 * <p>The text must have had special-token text removed already; this class also removes the
 * prompt's own section markers from it, so a text cannot close the conversation early and
 * append instructions of its own.
 */
final class LlamaGuardPrompt {

    private static final SectionMarkers SECTION_MARKERS = new SectionMarkers(List.of("<BEGIN CONVERSATION>",
            "<END CONVERSATION>", "<BEGIN UNSAFE CONTENT CATEGORIES>", "<END UNSAFE CONTENT CATEGORIES>"));

    private LlamaGuardPrompt() {}

    /**
     * The prompt judging {@code text} travelling in {@code direction}.
     *
     * @param withBeginOfText whether to start with {@code <|begin_of_text|>}: only when llama.cpp
     *     does not add it itself (the model file says {@code add_bos_token = false})
     */
    static String render(String text, Direction direction, @Nullable String inReplyTo, boolean withBeginOfText) {
        String role = direction == Direction.INPUT ? "User" : "Agent";
        StringBuilder prompt = new StringBuilder();
        if (withBeginOfText) {
            prompt.append("<|begin_of_text|>");
        }
        prompt.append("<|start_header_id|>user<|end_header_id|>\n\n")
                .append("Task: Check if there is unsafe content in '").append(role)
                .append("' messages in conversations according our safety policy with the below categories.\n\n")
                .append("<BEGIN UNSAFE CONTENT CATEGORIES>\n");
        for (GuardCategory category : GuardCategory.values()) {
            prompt.append(category.name()).append(": ").append(category.title()).append(".\n");
        }
        prompt.append("<END UNSAFE CONTENT CATEGORIES>\n\n")
                .append("<BEGIN CONVERSATION>\n\n");
        if (inReplyTo != null && direction == Direction.OUTPUT) {
            prompt.append("User: ").append(withoutMarkers(inReplyTo).strip()).append("\n\n");
        }
        prompt.append(role).append(": ").append(withoutMarkers(text).strip()).append("\n\n")
                .append("<END CONVERSATION>\n\n")
                .append("Provide your safety assessment for ONLY THE LAST ").append(role)
                .append(" message in the above conversation:\n")
                .append(" - First line must read 'safe' or 'unsafe'.\n")
                .append(" - If unsafe, a second line must include a comma-separated list of violated categories.")
                .append("<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
        return prompt.toString();
    }

    /** {@code text} without the prompt's section markers, removed until none is left. */
    static String withoutMarkers(String text) {
        return SECTION_MARKERS.removeFrom(text);
    }
}
