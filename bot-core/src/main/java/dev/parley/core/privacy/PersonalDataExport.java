package dev.parley.core.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything stored about one subject in one scope when the export was made, and the stores that
 * could not be read (named, so the user knows the file is incomplete).
 */
public record PersonalDataExport(DataSubject subject, Instant madeAt, List<ExportSection> sections,
        List<String> unreadable) {

    public PersonalDataExport {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(madeAt, "madeAt");
        sections = List.copyOf(sections);
        unreadable = List.copyOf(unreadable);
    }

    /** How many rows the export holds in all. */
    public int rows() {
        return sections.stream().mapToInt(s -> s.rows().size()).sum();
    }
}
