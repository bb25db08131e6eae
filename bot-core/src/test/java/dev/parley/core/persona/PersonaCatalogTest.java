package dev.parley.core.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.Speaker;
import dev.parley.core.model.GenerationSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonaCatalogTest {

    private final Persona helper = new Persona("helper", "You are Parley, a helpful assistant.", new GenerationSettings(256, 0.7f, 42));
    private final Persona pirate = new Persona("pirate", "You are Parley. Answer like a pirate.",
            new GenerationSettings(128, 1.1f, 7), Map.of("pirate-lora", 0.8f));
    private final PersonaCatalog catalog = new PersonaCatalog(List.of(helper, pirate), "helper");

    @Test
    void get_byName_givesThatPersonasPromptSamplingAndAdapters() {
        Persona chosen = catalog.get("pirate");

        assertThat(chosen.systemTurn().speaker()).isEqualTo(Speaker.SYSTEM);
        assertThat(chosen.systemTurn().text()).isEqualTo("You are Parley. Answer like a pirate.");
        assertThat(chosen.generation()).isEqualTo(new GenerationSettings(128, 1.1f, 7));
        assertThat(chosen.adapterScales()).containsExactly(Map.entry("pirate-lora", 0.8f));
    }

    @Test
    void get_ignoresCaseAndSurroundingSpaces() {
        assertThat(catalog.get("  Pirate ")).isSameAs(pirate);
    }

    @Test
    void get_unknownName_isAClearErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> catalog.get("ninja"))
                .isInstanceOf(UnknownPersonaException.class)
                .hasMessage("unknown persona 'ninja'; known personas: helper, pirate");
        assertThat(catalog.find("ninja")).isEmpty();
    }

    @Test
    void getOrDefault_nullOrRemovedName_fallsBackToTheDefault() {
        assertThat(catalog.getOrDefault(null)).isSameAs(helper);
        assertThat(catalog.getOrDefault("removed-since")).isSameAs(helper);
        assertThat(catalog.getOrDefault("pirate")).isSameAs(pirate);
        assertThat(catalog.defaultPersona()).isSameAs(helper);
    }

    @Test
    void names_keepTheConfiguredOrder() {
        assertThat(catalog.names()).containsExactly("helper", "pirate");
        assertThat(catalog.personas()).containsExactly(helper, pirate);
        assertThat(PersonaCatalog.of(pirate).defaultPersona()).isSameAs(pirate);
    }

    @Test
    void constructor_refusesDuplicatesAMissingDefaultAndNoPersonas() {
        assertThatThrownBy(() -> new PersonaCatalog(List.of(helper, helper), "helper"))
                .hasMessageContaining("two personas are named 'helper'");
        assertThatThrownBy(() -> new PersonaCatalog(List.of(helper, pirate), "ninja"))
                .hasMessageContaining("the default persona 'ninja' is not among the personas: helper, pirate");
        assertThatThrownBy(() -> new PersonaCatalog(List.of(), "helper")).hasMessageContaining("at least one");
    }

    @Test
    void persona_refusesBadNamesBlankPromptsAndWildScales() {
        GenerationSettings sampling = new GenerationSettings(16, 0f, 1);

        assertThatThrownBy(() -> new Persona("Has Space", "x", sampling)).hasMessageContaining("persona name");
        assertThatThrownBy(() -> new Persona("-dash", "x", sampling)).hasMessageContaining("persona name");
        assertThatThrownBy(() -> new Persona("ok", " ", sampling)).hasMessageContaining("needs a system prompt");
        assertThatThrownBy(() -> new Persona("ok", "x", sampling, Map.of("lora", 11f))).hasMessageContaining("within [-10, 10]");
        assertThatThrownBy(() -> new Persona("ok", "x", sampling, Map.of("lora", Float.NaN))).hasMessageContaining("within [-10, 10]");
    }
}
