package dev.parley.bench.moderation;

import dev.parley.core.moderation.Category;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a ToLD-Br row's votes read as moderation labels, in one place for the trainers and the
 * measurements. Each of the six columns counts the annotators (of three) who flagged the tweet.
 *
 * <p>Offence is the dataset's own binary reading: a tweet is toxic when at least one annotator
 * flagged it in any column, obscene included (about 44% of the tweets). Parley scores offence as
 * harassment, as it scores Davidson's "offensive" tweets in English. Hate keeps the stricter
 * reading, at least two annotators in one hate column, as hate is what a policy may block.
 * Until session 22 harassment was read strictly too (two annotators in insult, obscene alone
 * safe), which no published Portuguese offence benchmark does.
 */
public final class ToldBrLabels {

    /** The vote columns of {@code ToLD-BR.csv}. */
    public static final List<String> COLUMNS = List.of("homophobia", "obscene", "insult", "racism", "misogyny", "xenophobia");
    /** The columns that name a kind of hate. */
    public static final List<String> HATE_COLUMNS = List.of("homophobia", "racism", "misogyny", "xenophobia");

    private ToldBrLabels() {
    }

    /** Whether at least one annotator flagged the row in any column. */
    public static boolean offensive(Map<String, String> row) {
        return COLUMNS.stream().anyMatch(column -> votes(row, column) >= 1);
    }

    /** Whether at least two annotators flagged the row in one hate column. */
    public static boolean hateful(Map<String, String> row) {
        return HATE_COLUMNS.stream().anyMatch(column -> votes(row, column) >= 2);
    }

    /** Hate when {@link #hateful}, harassment when {@link #offensive}; empty for a harmless tweet. */
    public static Set<Category> of(Map<String, String> row) {
        Set<Category> labels = EnumSet.noneOf(Category.class);
        if (hateful(row)) {
            labels.add(Category.HATE);
        }
        if (offensive(row)) {
            labels.add(Category.HARASSMENT);
        }
        return labels;
    }

    /** The annotators (0 to 3) who flagged {@code row} in {@code column}. */
    public static int votes(Map<String, String> row, String column) {
        return (int) Double.parseDouble(row.getOrDefault(column, "0"));
    }
}
