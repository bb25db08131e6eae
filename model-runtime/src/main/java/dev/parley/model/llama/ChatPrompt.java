package dev.parley.model.llama;

import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.conversation.Speaker;
import dev.parley.model.llamacpp.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversation in the shape the chat template takes: one system message and the user and
 * assistant messages in order, with special-token text removed from the latter.
 *
 * @param system every system turn joined by a blank line (templates expect one, first)
 * @param messages role ("user" or "assistant") and content, oldest first
 */
record ChatPrompt(String system, List<ChatMessage> messages) {

    ChatPrompt {
        messages = List.copyOf(messages);
    }

    /**
     * Builds the prompt from {@code turns}. System turns are trusted (the bot's own
     * configuration) and kept as they are; user and assistant turns are sanitised, the latter
     * because a reply may quote what a user typed.
     */
    static ChatPrompt of(List<ChatTurn> turns, SpecialTokenSanitizer sanitizer) {
        StringBuilder system = new StringBuilder();
        List<ChatMessage> messages = new ArrayList<>();
        for (ChatTurn turn : turns) {
            if (turn.speaker() == Speaker.SYSTEM) {
                if (!system.isEmpty()) {
                    system.append("\n\n");
                }
                system.append(turn.text());
            } else {
                String role = turn.speaker() == Speaker.USER ? "user" : "assistant";
                messages.add(new ChatMessage(role, sanitizer.sanitize(turn.text()).replace("\0", "")));
            }
        }
        return new ChatPrompt(system.toString().replace("\0", ""), messages);
    }

    /** The messages for the template: the system message first when there is one. */
    List<ChatMessage> withSystem() {
        if (system.isEmpty()) {
            return messages;
        }
        List<ChatMessage> all = new ArrayList<>(messages.size() + 1);
        all.add(new ChatMessage("system", system));
        all.addAll(messages);
        return all;
    }
}
