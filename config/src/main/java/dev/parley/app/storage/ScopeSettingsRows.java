package dev.parley.app.storage;

import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryAction;
import dev.parley.core.moderation.CategorySetting;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.ExcerptMode;
import dev.parley.core.moderation.FailureMode;
import dev.parley.core.settings.ScopeSettings;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@link ScopeSettings} into name/value rows and back, so that a new setting needs no new
 * table. Unknown names (written by a newer version) are skipped, not fatal.
 */
final class ScopeSettingsRows {

    /** One stored value. */
    record Row(String name, String value) {}

    static final String BLOCKED_TERM = "blocked-term";
    static final String ALLOWED_TERM = "allowed-term";
    static final String CATEGORY = "category";
    static final String DIRECTION = "direction";
    static final String EXEMPT_ROLE = "exempt-role";
    static final String INPUT_NOTICE = "input-notice";
    static final String OUTPUT_NOTICE = "output-notice";
    static final String ON_FAILURE = "on-failure";
    static final String AUDIT_CHANNEL = "audit-channel";
    static final String EXCERPT = "excerpt";
    /** Marks an explicitly empty set of directions (moderate nothing) as opposed to "as configured". */
    static final String NO_DIRECTION = "NONE";

    private ScopeSettingsRows() {}

    static List<Row> toRows(ScopeSettings settings) {
        List<Row> rows = new ArrayList<>();
        settings.blockedTerms().stream().sorted().forEach(term -> rows.add(new Row(BLOCKED_TERM, term)));
        settings.allowedTerms().stream().sorted().forEach(term -> rows.add(new Row(ALLOWED_TERM, term)));
        settings.categories().forEach((category, setting) -> rows.add(new Row(CATEGORY,
                category.apiName() + " " + setting.action() + " " + setting.threshold())));
        if (settings.directions() != null) {
            if (settings.directions().isEmpty()) {
                rows.add(new Row(DIRECTION, NO_DIRECTION));
            }
            settings.directions().forEach(direction -> rows.add(new Row(DIRECTION, direction.name())));
        }
        settings.exemptRoles().stream().sorted().forEach(role -> rows.add(new Row(EXEMPT_ROLE, role)));
        if (settings.inputNotice() != null) {
            rows.add(new Row(INPUT_NOTICE, settings.inputNotice()));
        }
        if (settings.outputNotice() != null) {
            rows.add(new Row(OUTPUT_NOTICE, settings.outputNotice()));
        }
        if (settings.onFailure() != null) {
            rows.add(new Row(ON_FAILURE, settings.onFailure().name()));
        }
        if (settings.auditChannel() != null) {
            rows.add(new Row(AUDIT_CHANNEL, settings.auditChannel()));
        }
        if (settings.excerpt() != null) {
            rows.add(new Row(EXCERPT, settings.excerpt().name()));
        }
        return rows;
    }

    static ScopeSettings fromRows(List<Row> rows) {
        if (rows.isEmpty()) {
            return ScopeSettings.DEFAULTS;
        }
        Set<String> blocked = new HashSet<>();
        Set<String> allowed = new HashSet<>();
        Map<Category, CategorySetting> categories = new EnumMap<>(Category.class);
        Set<Direction> directions = null;
        Set<String> exemptRoles = new HashSet<>();
        String inputNotice = null;
        String outputNotice = null;
        FailureMode onFailure = null;
        String auditChannel = null;
        ExcerptMode excerpt = null;
        for (Row row : rows) {
            switch (row.name()) {
                case BLOCKED_TERM -> blocked.add(row.value());
                case ALLOWED_TERM -> allowed.add(row.value());
                case CATEGORY -> parseCategory(row.value(), categories);
                case DIRECTION -> {
                    directions = directions == null ? EnumSet.noneOf(Direction.class) : directions;
                    if (!row.value().equals(NO_DIRECTION)) {
                        directions.add(Direction.valueOf(row.value()));
                    }
                }
                case EXEMPT_ROLE -> exemptRoles.add(row.value());
                case INPUT_NOTICE -> inputNotice = row.value();
                case OUTPUT_NOTICE -> outputNotice = row.value();
                case ON_FAILURE -> onFailure = FailureMode.valueOf(row.value());
                case AUDIT_CHANNEL -> auditChannel = row.value();
                case EXCERPT -> excerpt = ExcerptMode.valueOf(row.value());
                default -> { } // written by a newer version: kept in the table, ignored here
            }
        }
        return new ScopeSettings(blocked, allowed, categories, directions, exemptRoles, inputNotice, outputNotice,
                onFailure, auditChannel, excerpt);
    }

    private static void parseCategory(String value, Map<Category, CategorySetting> into) {
        String[] parts = value.split(" ");
        @Nullable Category category = parts.length == 3 ? Category.fromApiName(parts[0]).orElse(null) : null;
        if (category != null) {
            into.put(category, new CategorySetting(CategoryAction.valueOf(parts[1].toUpperCase(Locale.ROOT)),
                    Double.parseDouble(parts[2])));
        }
    }
}
