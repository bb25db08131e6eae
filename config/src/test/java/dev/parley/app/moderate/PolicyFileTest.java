package dev.parley.app.moderate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.parley.app.moderate.PolicyFile.InvalidPolicyException;
import dev.parley.core.moderation.Category;
import dev.parley.core.moderation.CategoryAction;
import dev.parley.core.moderation.CategorySetting;
import dev.parley.core.moderation.ModerationDefaults;
import dev.parley.core.moderation.ModerationPolicy;
import dev.parley.core.moderation.TextNormaliser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileTest {

    private final PolicyFile policyFile = new PolicyFile(new TextNormaliser());

    @TempDir
    Path dir;

    private String rejection(String json) {
        try {
            policyFile.parse(json, "p.json");
        } catch (InvalidPolicyException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted " + json);
    }

    @Test
    void readsEveryFieldOfAValidPolicy() throws Exception {
        ModerationDefaults defaults = policyFile.parse("""
                {"categories": {"hate": {"action": "flag", "threshold": 0.25}, "violence": {"action": "OFF"},
                                "sexual": {"threshold": 1}},
                 "blocked_terms": ["pineapple", "pipe dream"], "allowed_terms": ["bomba de chocolate"]}""", "p.json");

        assertThat(defaults.categories()).containsOnly(
                entry(Category.HATE, new CategorySetting(CategoryAction.FLAG, 0.25)),
                entry(Category.VIOLENCE,
                        new CategorySetting(CategoryAction.OFF, ModerationPolicy.DEFAULT_THRESHOLD)),
                entry(Category.SEXUAL, new CategorySetting(CategoryAction.BLOCK, 1.0)));
        assertThat(defaults.blockedTerms()).containsExactly("pineapple", "pipe dream");
        assertThat(defaults.allowedTerms()).containsExactly("bomba de chocolate");
    }

    @Test
    void anEmptyObjectIsTheDefaults() throws Exception {
        assertThat(policyFile.parse("{}", "p.json")).isEqualTo(PolicyFile.EMPTY);
    }

    @Test
    void anUnknownFieldIsNamedWithTheValidOnes() {
        assertThat(rejection("{\"blocked-terms\": [\"foo\"]}")).isEqualTo(
                "policy p.json: \"blocked-terms\" is not a policy field; valid fields: categories, blocked_terms, allowed_terms");
        assertThat(rejection("{\"categories\": {\"hate\": {\"action\": \"block\", \"treshold\": 0.3}}}")).isEqualTo(
                "policy p.json: \"categories.hate.treshold\" is not a category setting; valid fields: action, threshold");
    }

    @Test
    void aTermListOfTheWrongTypeIsNamed() {
        assertThat(rejection("{\"blocked_terms\": \"foo\"}")).isEqualTo(
                "policy p.json: \"blocked_terms\" must be an array of strings, such as [\"spoiler\"], was a string \"foo\"");
        assertThat(rejection("{\"allowed_terms\": [\"ok\", 3]}")).isEqualTo(
                "policy p.json: \"allowed_terms[1]\" must be a string, was a number 3");
        assertThat(rejection("{\"blocked_terms\": [\"!!!\"]}")).isEqualTo(
                "policy p.json: \"blocked_terms[0]\" has no letters or digits to match, was \"!!!\"");
        assertThat(rejection("{\"categories\": [\"hate\"]}"))
                .startsWith("policy p.json: \"categories\" must be an object of category settings, was an array");
        assertThat(rejection("[]")).isEqualTo("policy p.json: the policy must be a JSON object, was an array []");
    }

    @Test
    void aThresholdThatIsNotANumberInRangeIsNamed() {
        String expected = "policy p.json: \"categories.hate.threshold\" must be a number in (0, 1], such as 0.5, was ";
        assertThat(rejection("{\"categories\": {\"hate\": {\"threshold\": \"high\"}}}")).isEqualTo(expected + "\"high\"");
        assertThat(rejection("{\"categories\": {\"hate\": {\"threshold\": \"0.4\"}}}")).isEqualTo(expected + "\"0.4\"");
        assertThat(rejection("{\"categories\": {\"hate\": {\"threshold\": 0}}}")).isEqualTo(expected + "0");
        assertThat(rejection("{\"categories\": {\"hate\": {\"threshold\": 40}}}")).isEqualTo(expected + "40");
    }

    @Test
    void aBadActionListsTheValidOnes() {
        assertThat(rejection("{\"categories\": {\"hate\": {\"action\": \"ban\"}}}")).isEqualTo(
                "policy p.json: \"categories.hate.action\" must be one of off, flag, block, was \"ban\"");
        assertThat(rejection("{\"categories\": {\"hate\": {\"action\": true}}}")).isEqualTo(
                "policy p.json: \"categories.hate.action\" must be one of off, flag, block, was true");
    }

    @Test
    void anUnknownCategoryListsTheValidOnes() {
        assertThat(rejection("{\"categories\": {\"spam\": {\"action\": \"block\"}}}")).startsWith(
                "policy p.json: \"categories.spam\" is not a category; valid categories: harassment, ")
                .contains("self-harm/intent", "violence/graphic");
    }

    @Test
    void aRepeatedFieldIsRejectedRatherThanTheLastOneWinning() {
        assertThat(rejection("{\"blocked_terms\": [\"a\"], \"blocked_terms\": [\"b\"]}"))
                .startsWith("policy p.json is not JSON: Duplicate").contains("\"blocked_terms\"");
        assertThat(rejection("{\"categories\": {\"hate\": {}, \"HATE\": {}}}"))
                .isEqualTo("policy p.json: \"categories.HATE\" repeats category hate");
    }

    @Test
    void textThatIsNotJsonSaysWhereOnOneLine() {
        assertThat(rejection("{\"blocked_terms\": [\"a\",\n]"))
                .startsWith("policy p.json is not JSON: ").contains("(line 2, column").doesNotContain("\n");
        assertThat(rejection("")).isEqualTo("policy p.json is empty; an empty policy is {}");
    }

    @Test
    void aMissingFileSaysNoSuchFile() {
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> policyFile.read(missing))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("no such file: " + missing);
    }
}
