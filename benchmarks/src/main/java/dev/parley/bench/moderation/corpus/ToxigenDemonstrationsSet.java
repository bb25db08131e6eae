package dev.parley.bench.moderation.corpus;

import dev.parley.bench.moderation.corpus.LabelledText.Kind;
import dev.parley.core.moderation.Category;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * ToxiGen's 627 demonstration sentences ({@code demonstrations/<axis>/<hate|neutral>_<group>*.txt},
 * one a line): {@code hate_*} to hate (implicit stereotyping, few slurs), {@code neutral_*} to
 * safe, benign mentions of the same groups, so that a classifier learns identity terms are not
 * hate on their own.
 */
final class ToxigenDemonstrationsSet implements SetReader {

    @Override
    public String name() {
        return "toxigen-demonstrations";
    }

    @Override
    public String language() {
        return "en";
    }

    @Override
    public Set<Category> categories() {
        return Set.of(Category.HATE);
    }

    @Override
    public List<LabelledText> read(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder.resolve("demonstrations"))) {
            // sorted by relative path, so the order does not depend on the file system
            files = walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".txt")).sorted().toList();
        }
        List<LabelledText> out = new ArrayList<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            boolean hate = fileName.startsWith("hate_");
            if (!hate && !fileName.startsWith("neutral_")) {
                throw new IllegalArgumentException("toxigen: neither hate_ nor neutral_: " + fileName);
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(new LabelledText(name(), language(), Kind.POST, line.strip(),
                            hate ? Set.of(Category.HATE) : Set.of(), false));
                }
            }
        }
        return out;
    }
}
