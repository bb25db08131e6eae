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
