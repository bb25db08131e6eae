package dev.parley.core.quota;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * How long a budget lasts: a calendar day or a calendar month of the scope's time zone. A period
 * starts at local midnight (or the first instant of that date where a time-zone change skips
 * midnight) and renews at the start of the next.
 */
public enum QuotaPeriod {
    DAY("per-day", "daily", "today") {
        @Override
        LocalDate first(LocalDate date) {
            return date;
        }

        @Override
        LocalDate next(LocalDate date) {
            return date.plusDays(1);
        }
    },
    MONTH("per-month", "monthly", "this month") {
        @Override
        LocalDate first(LocalDate date) {
            return date.withDayOfMonth(1);
        }

        @Override
        LocalDate next(LocalDate date) {
            return date.withDayOfMonth(1).plusMonths(1);
        }
    };

    private final String typed;
    private final String adjective;
    private final String current;

    QuotaPeriod(String typed, String adjective, String current) {
        this.typed = typed;
        this.adjective = adjective;
        this.current = current;
    }

    abstract LocalDate first(LocalDate date);

    abstract LocalDate next(LocalDate date);

    /** The local dates of the period that holds {@code now} in {@code zone}, first and last inclusive. */
    public DateRange range(Instant now, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return new DateRange(first(today), next(today).minusDays(1));
    }

    /** When the period that holds {@code now} in {@code zone} ends and the next begins. */
    public ZonedDateTime renewal(Instant now, ZoneId zone) {
        return next(now.atZone(zone).toLocalDate()).atStartOfDay(zone);
    }

    /** The word admins type: {@code per-day} or {@code per-month}. */
    public String typed() {
        return typed;
    }

    /** {@code daily} or {@code monthly}. */
    public String adjective() {
        return adjective;
    }

    /** {@code today} or {@code this month}. */
    public String current() {
        return current;
    }

    /** The period {@code word} names ({@code per-day}, {@code day}, {@code daily}, and the same for months), if any. */
    public static Optional<QuotaPeriod> fromTyped(String word) {
        return switch (word) {
            case "per-day", "day", "daily" -> Optional.of(DAY);
            case "per-month", "month", "monthly" -> Optional.of(MONTH);
            default -> Optional.empty();
        };
    }

    /** The local dates from {@code first} to {@code last}, both included. */
    public record DateRange(LocalDate first, LocalDate last) {}
}
