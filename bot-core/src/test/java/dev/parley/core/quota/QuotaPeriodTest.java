package dev.parley.core.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuotaPeriodTest {

    private static final ZoneId LISBON = ZoneId.of("Europe/Lisbon");
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    @Test
    void day_renewsAtLocalMidnightNotAtUtcMidnight() {
        // 23:30 UTC on 6 Dec is 20:30 in São Paulo (UTC-3): still the 6th there, renewing at 03:00 UTC
        Instant now = Instant.parse("2026-12-06T23:30:00Z");

        assertThat(QuotaPeriod.DAY.range(now, SAO_PAULO).first()).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(QuotaPeriod.DAY.renewal(now, SAO_PAULO).toInstant()).isEqualTo(Instant.parse("2026-12-07T03:00:00Z"));
        assertThat(QuotaPeriod.DAY.range(now, ZoneId.of("Asia/Tokyo")).first()).isEqualTo(LocalDate.of(2026, 12, 7));
    }

    @Test
    void day_inSummerTimeStartsAnHourBeforeUtcMidnight() {
        Instant justAfterLisbonMidnight = Instant.parse("2026-07-14T23:00:00Z"); // 00:00 on the 15th, UTC+1

        assertThat(QuotaPeriod.DAY.range(justAfterLisbonMidnight, LISBON).first()).isEqualTo(LocalDate.of(2026, 7, 15));
        assertThat(QuotaPeriod.DAY.range(justAfterLisbonMidnight.minusNanos(1), LISBON).first())
                .isEqualTo(LocalDate.of(2026, 7, 14));
        assertThat(QuotaPeriod.DAY.renewal(justAfterLisbonMidnight, LISBON).toInstant())
                .isEqualTo(Instant.parse("2026-07-15T23:00:00Z"));
    }

    @Test
    void day_ofTheClockChangeLasts23Hours() {
        Instant morning = Instant.parse("2026-03-29T09:00:00Z"); // Lisbon springs forward at 01:00 UTC

        assertThat(QuotaPeriod.DAY.renewal(morning, LISBON).toInstant()).isEqualTo(Instant.parse("2026-03-29T23:00:00Z"));
    }

    @Test
    void month_rangeCoversEveryDayAndRenewsOnTheFirstAtLocalMidnight() {
        Instant lastEvening = Instant.parse("2027-01-31T23:30:00Z"); // 20:30 on 31 Jan in São Paulo

        QuotaPeriod.DateRange range = QuotaPeriod.MONTH.range(lastEvening, SAO_PAULO);

        assertThat(range.first()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(range.last()).isEqualTo(LocalDate.of(2027, 1, 31));
        assertThat(QuotaPeriod.MONTH.renewal(lastEvening, SAO_PAULO).toInstant())
                .isEqualTo(Instant.parse("2027-02-01T03:00:00Z"));
        assertThat(QuotaPeriod.MONTH.range(Instant.parse("2028-02-10T12:00:00Z"), SAO_PAULO).last())
                .as("a leap year's February").isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @Test
    void fromTyped_readsTheWordsAdminsType() {
        assertThat(QuotaPeriod.fromTyped("per-day")).contains(QuotaPeriod.DAY);
        assertThat(QuotaPeriod.fromTyped("monthly")).contains(QuotaPeriod.MONTH);
        assertThat(QuotaPeriod.fromTyped("weekly")).isEmpty();
    }
}
