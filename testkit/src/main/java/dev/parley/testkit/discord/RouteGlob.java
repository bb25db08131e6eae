package dev.parley.testkit.discord;

import java.util.regex.Pattern;

/** Matches request paths against globs in which {@code *} stands for one path segment. */
final class RouteGlob {

    private RouteGlob() {}

    static boolean matches(String glob, String path) {
        return toRegex(glob).matcher(path).matches();
    }

    static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String piece : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[^/]+");
            }
            regex.append(Pattern.quote(piece));
        }
        return Pattern.compile(regex.toString());
    }
}
