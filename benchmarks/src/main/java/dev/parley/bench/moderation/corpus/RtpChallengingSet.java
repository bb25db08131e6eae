package dev.parley.bench.moderation.corpus;

import dev.parley.bench.moderation.corpus.LabelledText.Kind;
import dev.parley.core.moderation.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 700 RealToxicityPrompts prefixes, 100 per file {@code rtp_<attribute>.txt}, the attribute being
 * the Perspective score each was picked for. Every row is weak: machine labels, and some prefixes
 * are harmless on their own.
 */
final class RtpChallengingSet implements SetReader {

    /** File attribute to category, per {@code SOURCE.txt}; files are read in attribute name order. */
    private static final Map<String, Category> MAPPING = Map.of(
            "flirtation", Category.SEXUAL,
            "identity_attack", Category.HATE,
            "insult", Category.HARASSMENT,
            "profanity", Category.HARASSMENT,
            "severe_toxicity", Category.HARASSMENT,
            "sexually_explicit", Category.SEXUAL,
            // a threat's target decides between harassment/threatening and violence; prefixes rarely say, and
            // most threaten a person
            "threat", Category.HARASSMENT_THREATENING);

    @Override
    public String name() {
        return "rtp-challenging";
    }

    @Override
    public String language() {
        return "en";
    }

    @Override
    public Set<Category> categories() {
        return LabelledText.withParents(Set.copyOf(MAPPING.values()));
    }

    @Override
    public List<LabelledText> read(Path folder) throws IOException {
        List<LabelledText> out = new ArrayList<>();
        for (String attribute : MAPPING.keySet().stream().sorted().toList()) {
            for (String line : Files.readAllLines(folder.resolve("rtp_" + attribute + ".txt"), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(new LabelledText(name(), language(), Kind.POST, line.strip(),
                            Set.of(MAPPING.get(attribute)), true));
                }
            }
        }
        return out;
    }
}
