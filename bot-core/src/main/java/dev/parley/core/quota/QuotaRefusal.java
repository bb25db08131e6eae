package dev.parley.core.quota;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A question refused because a budget is used up: which one, how much it allows, and when it
 * renews, in the scope's time zone.
 */
public record QuotaRefusal(Budget budget, Allowance allowance, long used, ZonedDateTime renews) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The renewal as users read it: {@code 2026-12-07 00:00 Europe/Lisbon}. */
    public static String when(ZonedDateTime renews) {
        return renews.format(WHEN) + " " + renews.getZone().getId();
    }

    /** What the author is told. */
    public String notice() {
        String whose = switch (budget.level()) {
            case USER -> "You have used your";
            case CHANNEL -> "This channel has used its";
            case SERVER -> "This server has used its";
        };
        return whose + " " + budget.period().adjective() + " budget of " + allowance.describe() + " "
                + budget.unit().typed() + " with me; it renews at " + when(renews) + ".";
    }
}
