package dev.parley.core.access;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as admins type and read them: {@code 90s}, {@code 10m}, {@code 1h}, {@code 2d}. */
public final class DurationWords {

    private static final Pattern TYPED = Pattern.compile("([1-9][0-9]{0,5})([smhd])");

    private DurationWords() {}

    /** The duration {@code word} names, or empty when it is not a whole number followed by s, m, h or d. */
    public static Optional<Duration> parse(String word) {
        Matcher m = TYPED.matcher(word.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        });
    }

    /** {@code duration} in the largest unit that divides it: {@code 24 h}, {@code 90 min}, {@code 2 d} (a day shows as 24 h). */
    public static String format(Duration duration) {
        long s = duration.toSeconds();
        if (s % 86_400 == 0 && s > 86_400) {
            return s / 86_400 + " d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + " h";
        }
        if (s % 60 == 0) {
            return s / 60 + " min";
        }
        return s + " s";
    }
}
