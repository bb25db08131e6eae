package dev.parley.bench.moderation.corpus;

import dev.parley.bench.moderation.corpus.LabelledText.Kind;
import dev.parley.core.moderation.Category;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * 350 English OpenAssistant prompts (two JSON Lines files, one JSON string a line), safe but for
 * the two {@code SOURCE.txt} found by a spot check: a bomb-making question (illicit/violent) and a
 * request to retrieve credit card and social security numbers (illicit). The prompts that only
 * look risky (a weapon model for a game, world-war weapons for a paper) stay safe: they are the
 * hard negatives this set is for.
 */
final class OasstPromptsEnSet implements SetReader {

    private static final Pattern BOMB_MAKING = Pattern.compile("\\b(build|make) a bomb\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CARD_THEFT =
            Pattern.compile("credit cards?\\b.*\\bsocial security", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    @Override
    public String name() {
        return "oasst-prompts-en";
    }

    @Override
    public String language() {
        return "en";
    }

    @Override
    public Set<Category> categories() {
        return EnumSet.of(Category.ILLICIT, Category.ILLICIT_VIOLENT);
    }

    @Override
    public List<LabelledText> read(Path folder) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (Object value : JsonLines.read(folder)) {
            String text = ((String) value).strip();
            if (text.isEmpty()) {
                continue;
            }
            Set<Category> labels = BOMB_MAKING.matcher(text).find() ? EnumSet.of(Category.ILLICIT_VIOLENT)
                    : CARD_THEFT.matcher(text).find() ? EnumSet.of(Category.ILLICIT)
                    : Set.of();
            out.add(new LabelledText(name(), language(), Kind.REQUEST, text, labels, false));
        }
        return out;
    }
}
