package dev.parley.bench.moderation.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * The strings of a Python list literal such as {@code ['first post', "it's the second"]}, the
 * form the C-SSRS file stores a user's posts in. Lenient on purpose: 28 of its 500 cells were cut
 * at 32,759 characters (a spreadsheet's cell limit) in the middle of a string, so an unterminated
 * last string is kept up to the end of the cell instead of failing the row.
 */
final class PythonStringList {

    private PythonStringList() {
    }

    /** The strings, in order, with Python escapes ({@code \n}, {@code \'}, {@code \\}) resolved. */
    static List<String> parse(String literal) {
        List<String> out = new ArrayList<>();
        int at = 0;
        while (at < literal.length()) {
            char quote = literal.charAt(at);
            if (quote != '\'' && quote != '"') {
                at++;
                continue;
            }
            StringBuilder item = new StringBuilder();
            at++;
            while (at < literal.length() && literal.charAt(at) != quote) {
                char c = literal.charAt(at++);
                if (c == '\\' && at < literal.length()) {
                    char escaped = literal.charAt(at++);
                    item.append(switch (escaped) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> escaped;
                    });
                } else {
                    item.append(c);
                }
            }
            at++;
            out.add(item.toString());
        }
        return out;
    }
}
