package dev.parley.app;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one line that explains why the database could not be opened at start-up. */
public final class DatabaseFailure {

    /** H2's "database already open" (ErrorCode.DATABASE_ALREADY_OPEN_1): another process holds the file lock. */
    private static final int H2_IN_USE = 90020;
    /** H2 quotes the locked file: {@code Database may be already in use: "retry:/x/data/parley.mv.db"}. */
    private static final Pattern H2_FILE = Pattern.compile("\"(?:[a-z]+:)*(.+?)\\.mv\\.db\"");

    private DatabaseFailure() {}

    /** The one line for {@code failure}: what went wrong and which setting to check. */
    public static String explain(SQLException failure) {
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        String message = oneLine(failure.getMessage());
        if (failure.getErrorCode() == H2_IN_USE) {
            return "the database " + lockedFile(message) + " is in use by another Parley process; stop that one,"
                    + " or give this one a database of its own with PARLEY_DATABASE_URL";
        }
        // SQL state class 28: invalid authorization (H2 28000, PostgreSQL 28P01 and 28000)
        if (state.startsWith("28")) {
            return "the database refused the user name or password (" + message + "); set PARLEY_DATABASE_USER"
                    + " and PARLEY_DATABASE_PASSWORD (spring.datasource.username, .password)";
        }
        // class 08: the connection could not be made (no server, wrong host or port)
        if (state.startsWith("08")) {
            return "cannot connect to the database (" + message + "); check PARLEY_DATABASE_URL (spring.datasource.url)";
        }
        return "the database cannot be opened (" + message + "); check PARLEY_DATABASE_URL (spring.datasource.url)";
    }

    /** Hikari's refusal of a URL no driver on the class path takes ("Driver x claims to not accept jdbcUrl"). */
    static boolean isUrlRefused(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass() == RuntimeException.class && message != null
                && message.contains("claims to not accept jdbcUrl");
    }

    /** The locked file as the user named it: relative to the working directory when inside it, without H2's suffix. */
    private static String lockedFile(String message) {
        Matcher file = H2_FILE.matcher(message);
        if (!file.find()) {
            return "file";
        }
        Path locked = Path.of(file.group(1)).toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return locked.startsWith(here) ? "./" + here.relativize(locked) : locked.toString();
    }

    private static String oneLine(String text) {
        return text == null ? "no reason given" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
