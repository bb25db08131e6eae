package dev.parley.core.moderation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the lexicon file format into entries: one entry a line, {@code term<TAB>kind[<TAB>weight]},
 * {@code #} starting a comment (see {@link Lexicon}).
 */
final class LexiconFile {

    private LexiconFile() {}

    /** The entries of lexicon files in resources next to {@link Lexicon}, in order. */
    static List<Lexicon.Entry> fromResources(TextNormaliser normaliser, String... names) {
        List<Lexicon.Entry> entries = new ArrayList<>();
        for (String name : names) {
            try (InputStream in = Lexicon.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("lexicon resource " + name + " is missing");
                }
                entries.addAll(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name, normaliser));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read lexicon " + name, e);
            }
        }
        return entries;
    }

    /** The entries of text in the file format, normalised; errors name {@code source} and the line. */
    static List<Lexicon.Entry> parse(String text, String source, TextNormaliser normaliser) {
        List<Lexicon.Entry> entries = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new java.io.StringReader(text))) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                int comment = line.indexOf('#');
                String content = (comment >= 0 ? line.substring(0, comment) : line).strip();
                if (content.isEmpty()) {
                    continue;
                }
                String[] fields = content.split("\t+");
                if (fields.length < 2 || fields.length > 3) {
                    throw new IllegalArgumentException(source + ":" + number + ": expected term, kind[, weight]");
                }
                boolean prefix = fields[0].strip().endsWith("*");
                String normalised = normaliser.normalise(fields[0]).strip();
                if (normalised.isEmpty()) {
                    throw new IllegalArgumentException(source + ":" + number + ": term has no letters");
                }
                String[] words = normalised.split(" ");
                if (prefix) {
                    words[words.length - 1] += "*";
                }
                String kind = fields[1].strip().toLowerCase(Locale.ROOT);
                Category category = Category.fromApiName(kind).orElse(null);
                Role role = category == null ? Role.fromFileName(kind).orElse(null) : null;
                if (category == null && role == null) {
                    throw new IllegalArgumentException(source + ":" + number + ": unknown kind " + kind);
                }
                double weight = fields.length == 3 ? Double.parseDouble(fields[2].strip()) : 1.0;
                if (!(weight > 0 && weight <= 1)) {
                    throw new IllegalArgumentException(source + ":" + number + ": weight must be in (0, 1]");
                }
                entries.add(new Lexicon.Entry(words, category, role, weight));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
