package dev.parley.app.moderate;

import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * The lines of the input, each at most a set number of characters: a longer line is read to its
 * end and dropped, and only its length is kept, so that one huge line costs no more memory than
 * the cap and the lines after it are read as usual. Lines end as {@link java.io.BufferedReader}'s
 * do: at {@code \n}, {@code \r} or {@code \r\n}.
 */
final class InputLines {

    /** One line of the input. */
    sealed interface Line permits Text, TooLong {}

    /** A line within the cap, without its terminator. */
    record Text(String text) implements Line {}

    /** A line over the cap: only its length in characters. */
    record TooLong(long length) implements Line {}

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean afterCarriageReturn;

    InputLines(Reader in, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1, was " + maxChars);
        }
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line, or null at the end of the input. */
    @Nullable Line next() throws IOException {
        StringBuilder line = new StringBuilder();
        long length = 0;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit < 0) {
                    limit = 0;
                    return any ? line(line, length) : null;
                }
            }
            char c = buffer[position++];
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (c == '\n') { // the second half of \r\n
                    continue;
                }
            }
            any = true;
            if (c == '\n' || c == '\r') {
                afterCarriageReturn = c == '\r';
                return line(line, length);
            }
            length++;
            if (length <= maxChars) {
                line.append(c);
            } else if (line.length() > 0) {
                line.setLength(0);
                line.trimToSize(); // give the capped line's memory back while the rest is skipped
            }
        }
    }

    private Line line(StringBuilder line, long length) {
        return length > maxChars ? new TooLong(length) : new Text(line.toString());
    }
}
