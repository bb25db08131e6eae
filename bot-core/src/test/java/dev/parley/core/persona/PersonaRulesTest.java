package dev.parley.core.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.model.GenerationSettings;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersonaRulesTest {

    private static final GenerationSettings DEFAULTS = new GenerationSettings(256, 0.7f, 42);

    private final PersonaRules rules = new PersonaRules(40, 300, Set.of("pirate-lora"));
    private final Persona pirate = rules.create("pirate", "Answer like a pirate.", DEFAULTS);

    @Test
    void create_takesTheDefaultSamplingAndTheModelsAdapterScales() {
        assertThat(pirate).isEqualTo(new Persona("pirate", "Answer like a pirate.", DEFAULTS, Map.of()));
    }

    @Test
    void create_keepsTheDefaultsWithinTheLimits() {
        Persona capped = new PersonaRules(40, 100, Set.of()).create("p", "x", new GenerationSettings(512, 4f, 1));

        assertThat(capped.generation()).isEqualTo(new GenerationSettings(100, 2f, 1));
    }

    @Test
    void name_lowerCasesWhatWasTyped() {
        assertThat(rules.name(" Sea-Dog-7 ")).isEqualTo("sea-dog-7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-pirate", "pi rate", "pi_rate", "pirate!", "ção", "a23456789012345678901234567890123"})
    void name_outsideAZDigitsAndDash_isRefusedInOneLine(String typed) {
        assertThatThrownBy(() -> rules.name(typed)).isInstanceOf(InvalidPersonaException.class)
                .hasMessage("A persona name is 1 to 32 letters a-z, digits or '-', starting with a letter or digit.");
    }

    @Test
    void systemPrompt_overTheLimit_saysHowLongItIsAndWhatIsAllowed() {
        assertThatThrownBy(() -> rules.systemPrompt("x".repeat(41))).isInstanceOf(InvalidPersonaException.class)
                .hasMessage("The system prompt is 41 characters long; at most 40 are allowed.");
        assertThat(rules.systemPrompt("🏴‍☠️".repeat(10))).as("emoji count as characters, not UTF-16 units")
                .hasSize(50);
    }

    @Test
    void systemPrompt_blank_isRefused() {
        assertThatThrownBy(() -> rules.systemPrompt("   ")).hasMessage("A persona needs a system prompt.");
    }

    @Test
    void edit_temperature_withinZeroToTwo() {
        assertThat(rules.edit(pirate, PersonaField.TEMPERATURE, "0").generation().temperature()).isZero();
        assertThat(rules.edit(pirate, PersonaField.TEMPERATURE, "1.5").generation())
                .isEqualTo(new GenerationSettings(256, 1.5f, 42));
        for (String bad : new String[] {"2.01", "-0.1", "warm", "NaN", "Infinity"}) {
            assertThatThrownBy(() -> rules.edit(pirate, PersonaField.TEMPERATURE, bad)).as(bad)
                    .hasMessage("The temperature must be a number from 0 to 2, such as 0.7.");
        }
    }

    @Test
    void edit_maxTokens_withinTheConfiguredLimit() {
        assertThat(rules.edit(pirate, PersonaField.MAX_TOKENS, "300").generation().maxNewTokens()).isEqualTo(300);
        for (String bad : new String[] {"301", "0", "-5", "1.5", "many"}) {
            assertThatThrownBy(() -> rules.edit(pirate, PersonaField.MAX_TOKENS, bad)).as(bad)
                    .hasMessage("max-tokens must be a whole number from 1 to 300.");
        }
    }

    @Test
    void edit_prompt_replacesOnlyThePrompt() {
        Persona edited = rules.edit(pirate, PersonaField.PROMPT, "  Arr. ");

        assertThat(edited).isEqualTo(new Persona("pirate", "Arr.", DEFAULTS, Map.of()));
    }

    @Test
    void edit_lora_setsAndResetsTheScaleOfALoadedAdapterOnly() {
        Persona scaled = rules.edit(pirate, PersonaField.LORA, "pirate-lora 0.5");

        assertThat(scaled.adapterScales()).containsExactly(Map.entry("pirate-lora", 0.5f));
        assertThat(rules.edit(scaled, PersonaField.LORA, "pirate-lora default").adapterScales()).isEmpty();
        assertThatThrownBy(() -> rules.edit(pirate, PersonaField.LORA, "ninja-lora 1"))
                .hasMessage("No LoRA adapter is called 'ninja-lora'; loaded: pirate-lora.");
        assertThatThrownBy(() -> rules.edit(pirate, PersonaField.LORA, "pirate-lora 11"))
                .hasMessageStartingWith("A LoRA scale must be a number from -10 to 10");
        assertThatThrownBy(() -> rules.edit(pirate, PersonaField.LORA, "pirate-lora"))
                .hasMessage("Usage: /persona edit <name> lora <adapter> <scale|default>");
        assertThatThrownBy(() -> new PersonaRules(40, 300, Set.of()).edit(pirate, PersonaField.LORA, "x 1"))
                .hasMessage("No LoRA adapter is loaded with the model, so there is no scale to set.");
    }

    @Test
    void edit_lora_checksTheAdaptersServingAtTheTimeOfTheEdit() {
        var serving = new java.util.concurrent.atomic.AtomicReference<Set<String>>(Set.of("pirate-lora"));
        PersonaRules live = new PersonaRules(40, 300, serving::get);
        assertThat(live.edit(pirate, PersonaField.LORA, "pirate-lora 0.5").adapterScales()).containsKey("pirate-lora");

        serving.set(Set.of("ninja-lora")); // an operator swapped the model and its adapter
        assertThat(live.edit(pirate, PersonaField.LORA, "ninja-lora 2").adapterScales()).containsKey("ninja-lora");
        assertThatThrownBy(() -> live.edit(pirate, PersonaField.LORA, "pirate-lora 1"))
                .hasMessage("No LoRA adapter is called 'pirate-lora'; loaded: ninja-lora.");
    }

    @Test
    void field_fromTyped_knowsTheFourFields() {
        assertThat(PersonaField.fromTyped("Max-Tokens")).contains(PersonaField.MAX_TOKENS);
        assertThat(PersonaField.fromTyped("seed")).isEmpty();
        assertThat(PersonaField.choices()).isEqualTo("prompt|temperature|max-tokens|lora");
    }
}
