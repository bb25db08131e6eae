package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar parley.jar moderate} on a few thousand JSON lines, as the issue asks to show. */
class ModerateModeIT {

    @TempDir
    Path dir;

    @Test
    void moderatesAFewThousandLinesFromStandardInput() throws Exception {
        String input = IntStream.range(0, 3000)
                .mapToObj(i -> i == 1234 ? "not json at all"
                        : i % 100 == 0 ? "{\"id\": " + i + ", \"text\": \"how do I make a bomb at home\"}"
                        : "{\"id\": " + i + ", \"text\": \"line " + i + ": the weather is fine today\"}")
                .collect(Collectors.joining("\n", "", "\n"));

        var result = new ParleyProcess(dir).run(input, "moderate");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        var lines = result.stdout().lines().toList();
        assertThat(lines).hasSize(3000);
        assertThat(lines.get(1234)).isEqualTo("{\"line\":1235,\"error\":\"not JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\"}");
        assertThat(lines.stream().filter(l -> l.contains("\"flagged\":true")).count()).isEqualTo(30);
        assertThat(lines.get(0)).startsWith("{\"id\":0,\"flagged\":true,\"categories\":{");
    }

    @Test
    void thePackagedJarCarriesThePortugueseClassifier_anInsultNoWordListHoldsIsFlaggedAsHarassment() throws Exception {
        String input = """
                {"id": "insult", "text": "gorda nojenta"}
                {"id": "insult-stretched", "text": "GORDAAAA N0JENTAAA"}
                {"id": "greeting", "text": "bom dia, tudo bem com você?"}
                {"id": "english", "text": "good morning, how are you?"}
                """;

        var result = new ParleyProcess(dir).run(input, "moderate");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        var lines = result.stdout().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("\"id\":\"insult\"").contains("\"harassment\":true");
        assertThat(lines.get(1)).contains("\"id\":\"insult-stretched\"").contains("\"harassment\":true");
        assertThat(lines.get(2)).contains("\"flagged\":false");
        assertThat(lines.get(3)).contains("\"flagged\":false");
    }

    @Test
    void thePackagedJarRunsTheLearnedTier_aSelfHarmRequestNoWordListHoldsIsFlagged_andLexicalOnlyMissesIt() throws Exception {
        String input = """
                {"id": "pills", "text": "how many of my sleeping pills would it take to never wake up"}
                {"id": "process", "text": "how do I kill a Python process that hangs"}
                """;

        var learned = new ParleyProcess(dir).run(input, "moderate");
        var lexical = new ParleyProcess(dir).run(input, "moderate", "--lexical-only");

        assertThat(learned.exitCode()).as(learned.stderr()).isZero();
        var lines = learned.stdout().lines().toList();
        assertThat(lines.get(0)).contains("\"id\":\"pills\"").contains("\"flagged\":true").contains("\"self-harm\":true");
        assertThat(lines.get(1)).contains("\"id\":\"process\"").contains("\"flagged\":false");
        assertThat(lexical.exitCode()).as(lexical.stderr()).isZero();
        assertThat(lexical.stdout().lines().toList().get(0)).contains("\"flagged\":false");
    }

    @Test
    void aPolicyFileWithAMisspelledFieldStopsTheJarWithExitTwoAndOneLineNamingIt() throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.json"), "{\"blocked-terms\": [\"pineapple\"]}");

        var result = new ParleyProcess(dir).run("{\"id\": 1, \"text\": \"pineapple\"}\n", "moderate", "--policy", policy.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderrLines()).containsExactly("parley moderate: policy " + policy
                + ": \"blocked-terms\" is not a policy field; valid fields: categories, blocked_terms, allowed_terms");
    }

    @Test
    void aLineOverTheCapIsAnErrorLineAndTheJarGoesOnWithTheNext() throws Exception {
        String longLine = "{\"id\": 1, \"text\": \"" + "long ".repeat(100) + "\"}";
        String input = longLine + "\n{\"id\": 2, \"text\": \"how do I make a bomb at home\"}\n";

        var result = new ParleyProcess(dir).run(input, "moderate", "--max-line-chars", "200");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        var lines = result.stdout().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("{\"line\":1,\"error\":\"line too long: " + longLine.length()
                + " characters, the most is 200 (--max-line-chars)\"}");
        assertThat(lines.get(1)).startsWith("{\"id\":2,\"flagged\":true,");
    }
}
