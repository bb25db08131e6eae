package dev.parley.core.dataset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in a text before it leaves Parley in a dataset: URLs ({@code [url]}),
 * e-mail addresses ({@code [email]}), Discord mentions of users, channels and roles
 * ({@code [user]}, {@code [channel]}, {@code [role]}), IPv4 addresses ({@code [ip]}), Brazilian
 * CPF numbers ({@code [id]}), phone numbers in international, Brazilian, Portuguese and US forms
 * ({@code [phone]}), Telegram {@code @usernames} and the names it was given ({@code [user]}).
 *
 * <p>It matches shapes, not meaning: a name it was not given, a phone number written in words,
 * or an address in free text pass unchanged; {@code docs/dataset.md} lists what is and is not
 * caught. Inside code ({@code `...`} and fenced blocks) only URLs, e-mail addresses, IPs and phone
 * numbers are masked, so that annotations such as {@code @Override} and identifiers stay. Numbers
 * that are not phones (decimals, years, year ranges, dates, times, prices) are left alone.
 * Thread-safe.
 */
public final class Redactor {

    private static final Pattern CODE = Pattern.compile("```.*?(?:```|\\z)|`[^`\\n]+`", Pattern.DOTALL);
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\"'`]+[^\\s<>\"'`.,;:!?)\\]]");
    /** A host name without a scheme ({@code discord.gg/x}, {@code t.me/x}), masked in prose only: in code it is a package. */
    private static final Pattern BARE_DOMAIN = Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}@._-])(?:[a-z0-9-]+\\.)+(?:com|org|net|io|dev|gg|me|br|pt|co|uk|info|app|xyz)\\b"
                    + "(?![.@-]?[\\p{L}\\p{N}])(?:/[^\\s<>\"'`]*[^\\s<>\"'`.,;:!?)\\]])?");
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");
    private static final Pattern DISCORD_USER = Pattern.compile("<@!?\\d+>");
    private static final Pattern DISCORD_CHANNEL = Pattern.compile("<#\\d+>");
    private static final Pattern DISCORD_ROLE = Pattern.compile("<@&\\d+>");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\d.])");
    private static final Pattern CPF = Pattern.compile("(?<!\\d)\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2}(?!\\d)");
    /** A run of digits with the separators phone numbers use; {@link #isPhone} decides. */
    private static final Pattern PHONE_CANDIDATE = Pattern.compile(
            "(?<![\\p{L}\\p{N}.,/:_-])(?:\\+\\s?)?(?:\\(\\d{1,4}\\)\\s?)?\\d[\\d \\u00a0().-]{5,}\\d(?![\\p{L}\\p{N}_]|[.,/:]\\d)");
    private static final Pattern YEAR_RANGE = Pattern.compile("(?:19|20)\\d\\d\\s?-\\s?(?:19|20)\\d\\d");
    private static final Pattern DATE = Pattern.compile("\\d{4}[-.]\\d{1,2}[-.]\\d{1,2}|\\d{1,2}[-.]\\d{1,2}[-.]\\d{2,4}");
    private static final Pattern TELEGRAM_USER = Pattern.compile("(?<![\\p{L}\\p{N}_.@])@[A-Za-z][A-Za-z0-9_]{3,31}(?![A-Za-z0-9_@])");

    private final List<Pattern> names;

    /**
     * A redactor that also masks {@code knownNames} (display names, nicknames), whole words,
     * ignoring case; names shorter than two letters are skipped, as they would mask ordinary words.
     */
    public Redactor(Collection<String> knownNames) {
        Objects.requireNonNull(knownNames, "knownNames");
        List<String> sorted = new ArrayList<>(knownNames.stream().map(String::strip).filter(n -> n.length() >= 2)
                .distinct().toList());
        // the longest first, so "Ana Paula" is masked whole before "Ana"
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.names = sorted.stream().map(name -> Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(name)
                + "(?![\\p{L}\\p{N}_])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)).toList();
    }

    /** A redactor that knows no names. */
    public Redactor() {
        this(List.of());
    }

    /** {@code text} with its personal data replaced by placeholders. */
    public String redact(String text) {
        StringBuilder out = new StringBuilder(text.length());
        Matcher code = CODE.matcher(text);
        int at = 0;
        while (code.find()) {
            out.append(prose(text.substring(at, code.start())));
            out.append(addresses(code.group()));
            at = code.end();
        }
        return out.append(prose(text.substring(at))).toString();
    }

    private String prose(String text) {
        String masked = addresses(text);
        masked = BARE_DOMAIN.matcher(masked).replaceAll("[url]");
        masked = DISCORD_ROLE.matcher(masked).replaceAll("[role]");
        masked = DISCORD_CHANNEL.matcher(masked).replaceAll("[channel]");
        masked = DISCORD_USER.matcher(masked).replaceAll("[user]");
        masked = TELEGRAM_USER.matcher(masked).replaceAll("[user]");
        for (Pattern name : names) {
            masked = name.matcher(masked).replaceAll("[user]");
        }
        return masked;
    }

    /** The masks that apply in code too: what identifies a person wherever it is written. */
    private static String addresses(String text) {
        String masked = URL.matcher(text).replaceAll("[url]");
        masked = EMAIL.matcher(masked).replaceAll("[email]");
        masked = IPV4.matcher(masked).replaceAll("[ip]");
        masked = CPF.matcher(masked).replaceAll("[id]");
        return PHONE_CANDIDATE.matcher(masked).replaceAll(match -> isPhone(match.group())
                ? "[phone]" : Matcher.quoteReplacement(match.group()));
    }

    /**
     * Whether a candidate is a phone number: 8 to 15 digits (E.164's most), not a date or a range
     * of years; a bare run of digits only with 10 or 11 of them (a US or a Brazilian number with
     * its area code), since shorter or longer bare runs are more often amounts and identifiers.
     */
    private static boolean isPhone(String candidate) {
        String trimmed = candidate.strip();
        long digits = trimmed.chars().filter(Character::isDigit).count();
        if (digits < 8 || digits > 15) {
            return false;
        }
        if (YEAR_RANGE.matcher(trimmed).matches() || DATE.matcher(trimmed).matches()) {
            return false;
        }
        boolean bare = trimmed.chars().allMatch(Character::isDigit);
        return !bare || digits == 10 || digits == 11;
    }
}
