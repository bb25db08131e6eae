package dev.parley.bench.moderation.corpus;

import dev.parley.bench.moderation.corpus.LabelledText.Kind;
import dev.parley.core.moderation.Category;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 427 human-written Self-Instruct instructions ({@code seed_tasks.jsonl},
 * {@code user_oriented_instructions.jsonl}), all safe. The {@code instruction} alone is kept: a few
 * classification tasks carry offensive example sentences in their instances, which are not safe.
 */
final class SelfInstructPromptsSet implements SetReader {

    @Override
    public String name() {
        return "self-instruct-prompts";
    }

    @Override
    public String language() {
        return "en";
    }

    @Override
    public Set<Category> categories() {
        return Set.of();
    }

    @Override
    public List<LabelledText> read(Path folder) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (Object value : JsonLines.read(folder)) {
            String text = ((String) ((Map<?, ?>) value).get("instruction")).strip();
            if (!text.isEmpty()) {
                out.add(new LabelledText(name(), language(), Kind.REQUEST, text, Set.of(), false));
            }
        }
        return out;
    }
}
