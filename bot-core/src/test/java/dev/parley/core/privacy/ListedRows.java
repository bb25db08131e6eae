package dev.parley.core.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A store of rows about users for tests: each row names its subject; a failing one throws on every call. */
public final class ListedRows implements PersonalData {

    private final String section;
    private final boolean failing;
    private final List<Map.Entry<DataSubject, Map<String, @Nullable Object>>> rows = new ArrayList<>();

    public ListedRows(String section) {
        this(section, false);
    }

    private ListedRows(String section, boolean failing) {
        this.section = section;
        this.failing = failing;
    }

    public static ListedRows failing(String section) {
        return new ListedRows(section, true);
    }

    public ListedRows add(DataSubject subject, Map<String, @Nullable Object> row) {
        rows.add(Map.entry(subject, new LinkedHashMap<>(row)));
        return this;
    }

    public int size() {
        return rows.size();
    }

    @Override
    public String section() {
        return section;
    }

    @Override
    public ExportSection export(DataSubject subject) {
        failIfFailing();
        return new ExportSection(section, rows.stream().filter(e -> e.getKey().equals(subject)).map(Map.Entry::getValue).toList());
    }

    @Override
    public Erasure forget(DataSubject subject) {
        failIfFailing();
        int before = rows.size();
        rows.removeIf(e -> e.getKey().equals(subject));
        return Erasure.of(section, before - rows.size());
    }

    private void failIfFailing() {
        if (failing) {
            throw new IllegalStateException("database down");
        }
    }
}
