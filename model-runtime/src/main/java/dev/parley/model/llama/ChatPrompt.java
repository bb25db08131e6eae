package dev.parley.model.llama;

import de.kherud.llama.Pair;
import dev.parley.core.conversation.ChatTurn;
import dev.parley.core.conversation.Speaker;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversation in the shape llama.cpp's template call takes: one system message and the
 * user and assistant messages in order, with special-token text removed from the latter.
 *
 * @param system every system turn joined by a blank line (the binding takes only one, first)
 * @param messages role ("user" or "assistant") and content, oldest first
 */
record ChatPrompt(String system, List<Pair<String, String>> messages) {

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
        List<Pair<String, String>> messages = new ArrayList<>();
        for (ChatTurn turn : turns) {
            if (turn.speaker() == Speaker.SYSTEM) {
                if (!system.isEmpty()) {
                    system.append("\n\n");
                }
                system.append(turn.text());
            } else {
                String role = turn.speaker() == Speaker.USER ? "user" : "assistant";
                messages.add(new Pair<>(role, sanitizer.sanitize(turn.text())));
            }
        }
        return new ChatPrompt(system.toString(), messages);
    }
}
