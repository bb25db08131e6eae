package dev.parley.core.testing;

import dev.parley.core.moderation.Assessment;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryScores;
import dev.parley.core.moderation.ModerationProvider;
import dev.parley.core.moderation.ModerationRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A guard-like tier that reads the message a reply answers: it blocks (illicit/violent) any reply to
 * a message containing {@code trigger}, whatever the reply says, and records each
 * "{@code message -> reply}" it was asked about.
 */
public final class AnsweredMessageGuard implements ModerationProvider {

    private final String trigger;
    private final List<String> seen = new ArrayList<>();

    public AnsweredMessageGuard(String trigger) {
        this.trigger = trigger;
    }

    /** What it was asked, in order: "{@code message -> reply}", the message "null" when none came. */
    public List<String> seen() {
        return seen;
    }

    @Override
    public String name() {
        return "guard";
    }

    @Override
    public Assessment assess(ModerationRequest request) {
        seen.add(request.inReplyTo() + " -> " + request.text());
        return request.inReplyTo() != null && request.inReplyTo().contains(trigger)
                ? new Assessment(CategoryScores.none().with(Category.ILLICIT_VIOLENT, 1.0),
                        Map.of(Category.ILLICIT_VIOLENT, "guard: unsafe"))
                : Assessment.NONE;
    }

    @Override
    public boolean readsPrompt() {
        return true;
    }
}
