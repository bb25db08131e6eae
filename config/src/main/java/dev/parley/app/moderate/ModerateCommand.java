package dev.parley.app.moderate;

import dev.parley.core.conversation.Platform;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryAction;
import dev.parley.core.moderation.CategorySetting;
import dev.parley.core.moderation.Direction;
import dev.parley.core.moderation.FailureMode;
import dev.parley.core.moderation.LocalModerationProvider;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.ModerationPolicies;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.ModerationResult;
import dev.parley.core.moderation.Moderator;
import dev.parley.core.moderation.TextNormaliser;
import dev.parley.core.settings.InMemorySettingsStore;
import dev.parley.core.settings.ScopeKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code parley.jar moderate [--policy FILE]}: offline moderation for evaluation and policy tuning.
 * Reads JSON lines {@code {"id": ..., "text": ...}} and writes, per line, OpenAI's moderation shape
 * {@code {"id", "flagged", "categories", "category_scores"}}. A malformed line gives
 * {@code {"line": N, "error": "..."}} and processing goes on. Runs the local tier only, without
 * Spring or a model, so it starts in well under a second.
 *
 * <p>The policy file is JSON: {@code {"categories": {"hate": {"action": "block", "threshold": 0.4}},
 * "blocked_terms": [...], "allowed_terms": [...]}}; every field is optional.
 */
public final class ModerateCommand {

    private static final ScopeKey OFFLINE = new ScopeKey(Platform.CONSOLE, "moderate");

    private final JsonMapper json = JsonMapper.builder().build();
    private final PrintStream out;
    private final PrintStream err;

    public ModerateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs on {@code args} (after the word "moderate") and returns the exit status. */
    public int run(List<String> args, BufferedReader in) {
        ModerationPolicy policy;
        try {
            policy = policy(args);
        } catch (IllegalArgumentException | IOException | JacksonException e) {
            err.println("parley moderate: " + e.getMessage());
            return 2;
        }
        TextNormaliser normaliser = new TextNormaliser();
        Moderator moderator = new Moderator(normaliser, List.of(LocalModerationProvider.standard(normaliser)), 10_000);
        try {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (!line.isBlank()) {
                    out.println(answer(line, number, moderator, policy));
                }
            }
        } catch (IOException e) {
            err.println("parley moderate: could not read standard input: " + e.getMessage());
            return 1;
        }
        out.flush();
        return 0;
    }

    private String answer(String line, int number, Moderator moderator, ModerationPolicy policy) {
        JsonNode request;
        try {
            request = json.readTree(line);
        } catch (JacksonException e) {
            return error(number, "not JSON: " + e.getOriginalMessage());
        }
        if (!request.isObject() || !request.has("text") || !request.get("text").isString()) {
            return error(number, "expected an object with a string \"text\"");
        }
        ModerationResult result = moderator.evaluate(request.get("text").asString(), Direction.INPUT, policy);
        ObjectNode answer = json.createObjectNode();
        answer.set("id", request.has("id") ? request.get("id") : json.getNodeFactory().nullNode());
        answer.put("flagged", result.flagged());
        ObjectNode categories = answer.putObject("categories");
        ObjectNode scores = answer.putObject("category_scores");
        for (Category category : Category.values()) {
            categories.put(category.apiName(), result.categories().get(category));
            scores.put(category.apiName(), result.scores().score(category));
        }
        return json.writeValueAsString(answer);
    }

    private String error(int number, String message) {
        ObjectNode error = json.createObjectNode();
        error.put("line", number);
        error.put("error", message);
        return json.writeValueAsString(error);
    }

    private ModerationPolicy policy(List<String> args) throws IOException {
        JsonNode file = json.createObjectNode();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--policy") && i + 1 < args.size()) {
                file = json.readTree(Files.readString(Path.of(args.get(++i))));
            } else {
                throw new IllegalArgumentException("unknown argument " + args.get(i) + "; usage: moderate [--policy FILE]");
            }
        }
        Map<Category, CategorySetting> categories = new EnumMap<>(Category.class);
        for (Map.Entry<String, JsonNode> entry : file.path("categories").properties()) {
            Category category = Category.fromApiName(entry.getKey())
                    .orElseThrow(() -> new IllegalArgumentException("unknown category " + entry.getKey()));
            JsonNode setting = entry.getValue();
            categories.put(category, new CategorySetting(
                    CategoryAction.valueOf(setting.path("action").asString("block").toUpperCase(Locale.ROOT)),
                    setting.path("threshold").asDouble(ModerationPolicy.DEFAULT_THRESHOLD)));
        }
        var defaults = new ModerationDefaults(categories, strings(file.path("blocked_terms")),
                strings(file.path("allowed_terms")), Set.of(Direction.INPUT, Direction.OUTPUT), Set.of(),
                FailureMode.FAIL_OPEN, "blocked", "withheld", ModerationDefaults.UNAVAILABLE_NOTICE);
        return new ModerationPolicies(new InMemorySettingsStore(), defaults, new TextNormaliser()).forScope(OFFLINE);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
