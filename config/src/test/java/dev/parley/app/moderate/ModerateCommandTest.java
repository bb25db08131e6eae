package dev.parley.app.moderate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ModerateCommandTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String input, String... args) {
        return new ModerateCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args), new BufferedReader(new StringReader(input)));
    }

    private List<JsonNode> answers() {
        return out.toString(StandardCharsets.UTF_8).lines().map(json::readTree).toList();
    }

    @Test
    void answersEachLineInOpenAisShapeKeepingTheId() {
        int status = run("""
                {"id": 1, "text": "how do I make a bomb at home"}
                {"id": "b", "text": "what a lovely morning"}
                """);

        assertThat(status).isZero();
        List<JsonNode> answers = answers();
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0).get("id").asInt()).isEqualTo(1);
        assertThat(answers.get(0).get("flagged").asBoolean()).isTrue();
        assertThat(answers.get(0).get("categories").get("illicit/violent").asBoolean()).isTrue();
        assertThat(answers.get(0).get("category_scores").size()).isEqualTo(13);
        assertThat(answers.get(1).get("id").asString()).isEqualTo("b");
        assertThat(answers.get(1).get("flagged").asBoolean()).isFalse();
        assertThat(answers.get(1).get("category_scores").get("hate").asDouble()).isZero();
    }

    @Test
    void aMalformedLineGivesAnErrorWithItsNumberAndTheRestGoesOn() {
        int status = run("""
                {"id": 1, "text": "hello"}
                this is not json
                {"id": 3}
                {"id": 4, "text": "bye"}
                """);

        assertThat(status).isZero();
        List<JsonNode> answers = answers();
        assertThat(answers).hasSize(4);
        assertThat(answers.get(1).get("line").asInt()).isEqualTo(2);
        assertThat(answers.get(1).get("error").asString()).startsWith("not JSON");
        assertThat(answers.get(2).get("line").asInt()).isEqualTo(3);
        assertThat(answers.get(2).get("error").asString()).contains("\"text\"");
        assertThat(answers.get(3).get("id").asInt()).isEqualTo(4);
    }

    @Test
    void aPolicyFileChangesTheVerdicts() throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.json"), """
                {"blocked_terms": ["pineapple"], "categories": {"illicit/violent": {"action": "off"}}}""");

        run("""
                {"id": 1, "text": "pineapple on pizza"}
                {"id": 2, "text": "how do I make a bomb at home"}
                """, "--policy", policy.toString());

        List<JsonNode> answers = answers();
        assertThat(answers.get(0).get("flagged").asBoolean()).isTrue();
        assertThat(answers.get(1).get("categories").get("illicit/violent").asBoolean()).isFalse();
    }

    @Test
    void aBadPolicyStopsWithOneLine() {
        assertThat(run("", "--policy", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(run("", "--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(2).allMatch(l -> l.startsWith("parley moderate: "));
    }

    private String stderrOfPolicy(String policyJson) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.json"), policyJson);
        err.reset();
        out.reset();

        int status = run("{\"id\": 1, \"text\": \"hello\"}\n", "--policy", policy.toString());

        assertThat(status).as("exit status for %s", policyJson).isEqualTo(2);
        assertThat(out.size()).as("answers printed despite a bad policy").isZero();
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).as("standard error").hasSize(1);
        return lines.getFirst();
    }

    @Test
    void aPolicyWithAnUnknownFieldAWrongTypeOrABadValueExitsTwoNamingTheField() throws Exception {
        String file = dir.resolve("policy.json").toString();

        assertThat(stderrOfPolicy("{\"blocked-terms\": [\"foo\"]}")).isEqualTo("parley moderate: policy " + file
                + ": \"blocked-terms\" is not a policy field; valid fields: categories, blocked_terms, allowed_terms");
        assertThat(stderrOfPolicy("{\"blocked_terms\": \"foo\"}")).isEqualTo("parley moderate: policy " + file
                + ": \"blocked_terms\" must be an array of strings, such as [\"spoiler\"], was a string \"foo\"");
        assertThat(stderrOfPolicy("{\"categories\": {\"hate\": {\"threshold\": \"high\"}}}")).isEqualTo(
                "parley moderate: policy " + file
                + ": \"categories.hate.threshold\" must be a number in (0, 1], such as 0.5, was \"high\"");
        assertThat(stderrOfPolicy("{\"categories\": {\"hate\": {\"action\": \"ban\"}}}")).isEqualTo(
                "parley moderate: policy " + file + ": \"categories.hate.action\" must be one of off, flag, block, was \"ban\"");
    }

    @Test
    void aMissingPolicyFileExitsTwoSayingNoSuchFile() {
        Path missing = dir.resolve("nowhere.json");

        assertThat(run("", "--policy", missing.toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly("parley moderate: no such file: " + missing);
    }

    @Test
    void aLineOverTheCapGivesAnErrorAndTheNextLinesAreStillAnswered() {
        String longText = "a".repeat(200);
        int status = run("{\"id\": 1, \"text\": \"hello\"}\n"
                + "{\"id\": 2, \"text\": \"" + longText + "\"}\n"
                + "{\"id\": 3, \"text\": \"how do I make a bomb at home\"}\n", "--max-line-chars", "100");

        assertThat(status).isZero();
        List<JsonNode> answers = answers();
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0).get("id").asInt()).isEqualTo(1);
        assertThat(answers.get(1).get("line").asInt()).isEqualTo(2);
        int length = ("{\"id\": 2, \"text\": \"" + longText + "\"}").length();
        assertThat(answers.get(1).get("error").asString())
                .isEqualTo("line too long: " + length + " characters, the most is 100 (--max-line-chars)");
        assertThat(answers.get(2).get("id").asInt()).isEqualTo(3);
        assertThat(answers.get(2).get("flagged").asBoolean()).isTrue();
    }

    @Test
    void withoutTheFlagALineOverEightMebiCharactersIsRefused() {
        int status = run("x".repeat(8 * 1024 * 1024 + 1) + "\n{\"id\": 2, \"text\": \"hello\"}\n");

        assertThat(status).isZero();
        List<JsonNode> answers = answers();
        assertThat(answers.get(0).get("error").asString())
                .isEqualTo("line too long: 8388609 characters, the most is 8388608 (--max-line-chars)");
        assertThat(answers.get(1).get("id").asInt()).isEqualTo(2);
    }

    @Test
    void aMaxLineCharsThatIsNotAPositiveNumberExitsTwo() {
        assertThat(run("", "--max-line-chars", "lots")).isEqualTo(2);
        assertThat(run("", "--max-line-chars", "0")).isEqualTo(2);
        assertThat(run("", "--max-line-chars")).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "parley moderate: --max-line-chars must be a whole number from 1 to 2147483647, was lots",
                "parley moderate: --max-line-chars must be a whole number from 1 to 2147483647, was 0",
                "parley moderate: --max-line-chars needs a number; " + ModerateCommand.USAGE);
    }

    @Test
    void handlesAFewThousandLines() {
        String input = IntStream.range(0, 3000)
                .mapToObj(i -> "{\"id\": " + i + ", \"text\": \"message number " + i + " about the weather\"}")
                .collect(Collectors.joining("\n"));

        assertThat(run(input)).isZero();

        List<JsonNode> answers = answers();
        assertThat(answers).hasSize(3000);
        assertThat(answers).extracting(a -> a.get("id").asInt()).containsExactlyElementsOf(IntStream.range(0, 3000).boxed().toList());
    }
}
