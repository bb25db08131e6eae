package dev.parley.app.moderate;

import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryAction;
import dev.parley.core.moderation.CategorySetting;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.FailureMode;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.TextNormaliser;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The policy file of {@code moderate --policy FILE}, read strictly: a field it does not know, a
 * value of the wrong type or out of range stops the command with one line that names the field
 * (and the valid choices), because a policy that is silently ignored in part evaluates something
 * else than its author meant.
 *
 * <p>Shape, every field optional: {@code {"categories": {"hate": {"action": "block", "threshold":
 * 0.4}}, "blocked_terms": ["..."], "allowed_terms": ["..."]}}. A category without an action blocks;
 * without a threshold it uses {@link ModerationPolicy#DEFAULT_THRESHOLD}.
 */
final class PolicyFile {

    static final String CATEGORIES = "categories";
    static final String BLOCKED_TERMS = "blocked_terms";
    static final String ALLOWED_TERMS = "allowed_terms";
    private static final List<String> FIELDS = List.of(CATEGORIES, BLOCKED_TERMS, ALLOWED_TERMS);
    private static final List<String> SETTING_FIELDS = List.of("action", "threshold");

    /** The defaults without a policy file: the standard categories, no terms. */
    static final ModerationDefaults EMPTY = defaults(Map.of(), List.of(), List.of());

    /** A policy file that cannot be used; the message is one line naming the file and the field. */
    static final class InvalidPolicyException extends Exception {
        InvalidPolicyException(String message) {
            super(message, null, false, false);
        }
    }

    // duplicate keys would otherwise let the last one win without a word
    private final JsonMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private final TextNormaliser normaliser;

    PolicyFile(TextNormaliser normaliser) {
        this.normaliser = normaliser;
    }

    /** The defaults the file at {@code path} describes. */
    ModerationDefaults read(Path path) throws InvalidPolicyException {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new InvalidPolicyException("no such file: " + path);
        } catch (CharacterCodingException e) {
            throw new InvalidPolicyException("policy " + path + " is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidPolicyException("cannot read policy " + path + ": " + e);
        }
        return parse(text, path.toString());
    }

    /** The defaults {@code text} describes; {@code source} names it in errors. */
    ModerationDefaults parse(String text, String source) throws InvalidPolicyException {
        JsonNode file;
        try {
            file = json.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidPolicyException("policy " + source + " is not JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        if (file == null || file.isMissingNode()) {
            throw new InvalidPolicyException("policy " + source + " is empty; an empty policy is {}");
        }
        var errors = new Errors(source);
        if (!file.isObject()) {
            throw errors.wrongType("the policy", "a JSON object", file);
        }
        for (String field : file.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw errors.at(quoted(field) + " is not a policy field; valid fields: " + String.join(", ", FIELDS));
            }
        }
        Map<Category, CategorySetting> categories = categories(file.path(CATEGORIES), errors);
        List<String> blocked = terms(file.path(BLOCKED_TERMS), BLOCKED_TERMS, errors);
        List<String> allowed = terms(file.path(ALLOWED_TERMS), ALLOWED_TERMS, errors);
        return defaults(categories, blocked, allowed);
    }

    private static ModerationDefaults defaults(Map<Category, CategorySetting> categories, List<String> blocked,
            List<String> allowed) {
        return new ModerationDefaults(categories, blocked, allowed, Set.of(Direction.INPUT, Direction.OUTPUT), Set.of(),
                FailureMode.FAIL_OPEN, "blocked", "withheld", ModerationDefaults.UNAVAILABLE_NOTICE);
    }

    private static Map<Category, CategorySetting> categories(JsonNode node, Errors errors)
            throws InvalidPolicyException {
        Map<Category, CategorySetting> categories = new EnumMap<>(Category.class);
        if (node.isMissingNode()) {
            return categories;
        }
        if (!node.isObject()) {
            throw errors.wrongType(CATEGORIES, "an object of category settings", node);
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String field = CATEGORIES + "." + entry.getKey();
            Category category = Category.fromApiName(entry.getKey()).orElse(null);
            if (category == null) {
                throw errors.at(quoted(field) + " is not a category; valid categories: "
                        + Arrays.stream(Category.values()).map(Category::apiName).collect(Collectors.joining(", ")));
            }
            if (categories.put(category, setting(entry.getValue(), field, errors)) != null) {
                throw errors.at(quoted(field) + " repeats category " + category.apiName());
            }
        }
        return categories;
    }

    private static CategorySetting setting(JsonNode node, String field, Errors errors) throws InvalidPolicyException {
        if (!node.isObject()) {
            throw errors.wrongType(field, "an object such as {\"action\": \"block\", \"threshold\": 0.5}", node);
        }
        for (String name : node.propertyNames()) {
            if (!SETTING_FIELDS.contains(name)) {
                throw errors.at(quoted(field + "." + name) + " is not a category setting; valid fields: "
                        + String.join(", ", SETTING_FIELDS));
            }
        }
        return new CategorySetting(action(node.path("action"), field + ".action", errors),
                threshold(node.path("threshold"), field + ".threshold", errors));
    }

    private static CategoryAction action(JsonNode node, String field, Errors errors) throws InvalidPolicyException {
        if (node.isMissingNode()) {
            return CategoryAction.BLOCK;
        }
        String choices = Arrays.stream(CategoryAction.values())
                .map(action -> action.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        if (node.isString()) {
            for (CategoryAction action : CategoryAction.values()) {
                if (action.name().equalsIgnoreCase(node.asString().strip())) {
                    return action;
                }
            }
        }
        throw errors.at(quoted(field) + " must be one of " + choices + ", was " + shown(node));
    }

    private static double threshold(JsonNode node, String field, Errors errors) throws InvalidPolicyException {
        if (node.isMissingNode()) {
            return ModerationPolicy.DEFAULT_THRESHOLD;
        }
        double threshold = node.isNumber() ? node.asDouble() : Double.NaN;
        if (!(threshold > 0 && threshold <= 1)) {
            throw errors.at(quoted(field) + " must be a number in (0, 1], such as 0.5, was " + shown(node));
        }
        return threshold;
    }

    private List<String> terms(JsonNode node, String field, Errors errors) throws InvalidPolicyException {
        List<String> terms = new ArrayList<>();
        if (node.isMissingNode()) {
            return terms;
        }
        if (!node.isArray()) {
            throw errors.wrongType(field, "an array of strings, such as [\"spoiler\"]", node);
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode term = node.get(i);
            String element = field + "[" + i + "]";
            if (!term.isString()) {
                throw errors.wrongType(element, "a string", term);
            }
            // the term list drops such terms: say so rather than match nothing
            if (normaliser.normalise(term.asString()).isBlank()) {
                throw errors.at(quoted(element) + " has no letters or digits to match, was " + shown(term));
            }
            terms.add(term.asString());
        }
        return terms;
    }

    private static String quoted(String field) {
        return "\"" + field + "\"";
    }

    /** A value as the author wrote it, shortened, on one line. */
    private static String shown(JsonNode node) {
        String text = node.toString().replaceAll("\\s+", " ");
        return text.length() <= 40 ? text : text.substring(0, 39) + "…";
    }

    /** Makes the one-line messages, each starting with the file. */
    private record Errors(String source) {

        InvalidPolicyException at(String problem) {
            return new InvalidPolicyException("policy " + source + ": " + problem);
        }

        InvalidPolicyException wrongType(String field, String expected, JsonNode was) {
            String name = field.equals("the policy") ? field : quoted(field);
            return at(name + " must be " + expected + ", was " + kind(was) + " " + shown(was));
        }

        private static String kind(JsonNode node) {
            return switch (node.getNodeType()) {
                case STRING -> "a string";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                case ARRAY -> "an array";
                case OBJECT -> "an object";
                case NULL -> "null";
                default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
            };
        }
    }
}
