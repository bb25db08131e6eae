package dev.parley.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The metric names a Grafana dashboard's PromQL queries read, so a test can look for each in a scrape. */
final class DashboardMetrics {

    private static final Pattern NAME = Pattern.compile("(?<![A-Za-z0-9_:])[A-Za-z_:][A-Za-z0-9_:]*(?![A-Za-z0-9_:]|\\s*\\()");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([A-Za-z_:][A-Za-z0-9_:]*)\\s*,");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "offset", "and", "or", "unless", "inf", "nan");

    private DashboardMetrics() {}

    /** Every metric name in the panels' {@code expr} fields and the variables' {@code label_values} queries. */
    static Set<String> of(Path dashboard) throws IOException {
        JsonNode root = JsonMapper.builder().build().readTree(dashboard.toFile());
        Set<String> names = new TreeSet<>();
        for (JsonNode expr : root.findValues("expr")) {
            names.addAll(inExpression(expr.asString()));
        }
        for (JsonNode definition : root.path("templating").findValues("definition")) {
            Matcher query = LABEL_VALUES.matcher(definition.asString());
            while (query.find()) {
                names.add(query.group(1));
            }
        }
        return names;
    }

    /** The metric names of one PromQL expression: identifiers that are no function, label, keyword or variable. */
    static Set<String> inExpression(String expr) {
        String bare = expr
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"") // string literals
                .replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^]]*]", " ") // ranges
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ") // label lists
                .replaceAll("\\$\\w+", " "); // dashboard variables
        Set<String> names = new TreeSet<>();
        Matcher name = NAME.matcher(bare);
        while (name.find()) {
            if (!KEYWORDS.contains(name.group().toLowerCase(java.util.Locale.ROOT))) {
                names.add(name.group());
            }
        }
        return names;
    }

    /** The metric names of a Prometheus text-format scrape. */
    static Set<String> inScrape(String scrape) {
        Set<String> names = new TreeSet<>();
        scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .forEach(names::add);
        return names;
    }
}
