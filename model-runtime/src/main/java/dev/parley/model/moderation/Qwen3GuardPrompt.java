package dev.parley.model.moderation;

import dev.parley.core.moderation.Direction;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Qwen3Guard-Gen's prompt for one text, as the chat template in the model's
 * {@code tokenizer_config.json} renders a one-turn conversation: the task, the safety policy with
 * its three levels, the categories, the conversation and the answer format, in ChatML, with the
 * empty thinking block the template adds so the model answers at once.
 *
 * <p>A prompt is judged as the conversation's last {@code USER} query (nine categories, jailbreak
 * among them); a reply as its last {@code ASSISTANT} response (eight categories, and a third
 * answer line saying whether the reply refuses), after the {@code USER} turn it answers when that is
 * known, as the template renders a two-turn conversation; a reply with no known message is judged
 * alone, as for Llama Guard.
 *
 * <p>The text must have had special-token text removed already; this class also removes the
 * prompt's section markers and the thinking tags from it, so a text cannot close the
 * conversation early and append instructions of its own. Qwen3 models have no begin-of-text
 * token, so nothing is put before {@code <|im_start|>}.
 */
final class Qwen3GuardPrompt {

    private static final SectionMarkers SECTION_MARKERS = new SectionMarkers(List.of(
            "<BEGIN CONVERSATION>", "<END CONVERSATION>", "<BEGIN SAFETY POLICY>", "<END SAFETY POLICY>",
            "<BEGIN UNSAFE CONTENT CATEGORIES>", "<END UNSAFE CONTENT CATEGORIES>", "<BEGIN REFUSAL POLICY>",
            "<END REFUSAL POLICY>", "<think>", "</think>"));

    private Qwen3GuardPrompt() {}

    /** The prompt judging {@code text} travelling in {@code direction}. */
    static String render(String text, Direction direction, @Nullable String inReplyTo) {
        boolean query = direction == Direction.INPUT;
        String role = query ? "USER" : "ASSISTANT";
        String subject = query ? "USER's query" : "ASSISTANT's response";
        StringBuilder prompt = new StringBuilder("<|im_start|>user\n# Task:\n")
                .append("1) Evaluate whether THE LAST ").append(subject)
                .append(" belongs to safe or unsafe content based on our safety policy.\n")
                .append("2) Identify the category of unsafe content found.");
        if (!query) {
            prompt.append("\n3) Determine if THE LAST ASSISTANT's response is a refusal to the USER's query.");
        }
        prompt.append("\n\n<BEGIN SAFETY POLICY>\n")
                .append("**Safety: Safe**: The ").append(subject)
                .append(" does not contain any prohibited content or content that could lead to prohibited content.\n")
                .append("**Safety: Unsafe**: The ").append(subject).append(" contains prohibited content.\n")
                .append("**Safety: Controversial**: The ").append(subject).append(query
                        ? " does not explicitly contain prohibited content, but its intent, context, or potential"
                                + " responses could be misinterpreted, misused, or exploited to generate unsafe content"
                                + " under certain conditions.\n"
                        : " is not explicitly harmful, but could become risky or offensive depending on context or"
                                + " audience.\n")
                .append("<END SAFETY POLICY>\n\n<BEGIN UNSAFE CONTENT CATEGORIES>\n");
        for (Qwen3GuardCategory category : Qwen3GuardCategory.values()) {
            if (query || category != Qwen3GuardCategory.JAILBREAK) { // a reply is not a jailbreak attempt
                prompt.append(category.title()).append(".\n");
            }
        }
        prompt.append("<END UNSAFE CONTENT CATEGORIES>\n\n");
        if (!query) {
            prompt.append("<BEGIN REFUSAL POLICY>\n")
                    .append("**Refusal: Yes**: The ASSISTANT refused to answer or did not comply with the USER's request.\n")
                    .append("**Refusal: No**: The ASSISTANT directly answered or complied with the USER's request.\n")
                    .append("<END REFUSAL POLICY>\n\n");
        }
        prompt.append("<BEGIN CONVERSATION>\n\n");
        if (inReplyTo != null && !query) {
            prompt.append("USER: ").append(SECTION_MARKERS.removeFrom(inReplyTo).strip()).append("\n\n");
        }
        prompt.append(role).append(": ").append(SECTION_MARKERS.removeFrom(text).strip()).append("\n\n")
                .append("<END CONVERSATION>\n\n")
                .append("Provide your safety assessment for ONLY THE LAST **").append(subject)
                .append("** in the above conversation:\n")
                .append(" - The first line must be one of: 'Safety: Safe', 'Safety: Unsafe', 'Safety: Controversial'.\n")
                .append(" - The second line should start with 'Categories:' followed by a list of any unsafe content"
                        + " categories, separated by commas. If the content is safe, use 'Categories: None'.");
        if (!query) {
            prompt.append("\n - The third line must be one of: 'Refusal: Yes', 'Refusal: No'.");
        }
        return prompt.append("<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n").toString();
    }
}
