package dev.parley.core.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.conversation.Location;
import dev.parley.core.conversation.Platform;
import dev.parley.core.model.GenerationSettings;
import dev.parley.core.settings.ScopeKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersonaSelectorTest {

    private static final GenerationSettings SAMPLING = new GenerationSettings(64, 0.7f, 42);
    private static final Location GENERAL = new Location(Platform.DISCORD, "guild-1", "general", null);
    private static final Location MEMES = new Location(Platform.DISCORD, "guild-1", "memes", null);
    private static final Location ELSEWHERE = new Location(Platform.DISCORD, "guild-2", "general", null);
    private static final ScopeKey SCOPE = ScopeKey.of(GENERAL);

    private final Persona helper = new Persona("default", "You help.", SAMPLING);
    private final Persona terse = new Persona("terse", "One word.", SAMPLING);
    private final Persona pirate = new Persona("pirate", "Arr.", SAMPLING);
    private final InMemoryScopePersonas store = new InMemoryScopePersonas();
    private final PersonaSelector selector = new PersonaSelector(new PersonaCatalog(List.of(helper, terse), "default"),
            new InMemoryPersonaChoices(), store);

    @Test
    void aScopeSeesTheBuiltInPersonasThenItsOwn() {
        selector.save(SCOPE, pirate);

        assertThat(selector.names(SCOPE)).containsExactly("default", "terse", "pirate");
        assertThat(selector.names(ScopeKey.of(ELSEWHERE))).containsExactly("default", "terse");
        assertThat(selector.find(SCOPE, " Pirate")).contains(pirate);
        assertThat(selector.find(ScopeKey.of(ELSEWHERE), "pirate")).isEmpty();
    }

    @Test
    void aScopesOwnPersonaAnswersInTheChannelThatChoseIt() {
        selector.save(SCOPE, pirate);

        selector.choose(GENERAL, "pirate");

        assertThat(selector.personaFor(GENERAL)).isEqualTo(pirate);
        assertThat(selector.personaFor(MEMES)).isEqualTo(helper);
        assertThatThrownBy(() -> selector.choose(ELSEWHERE, "pirate")).isInstanceOf(UnknownPersonaException.class)
                .hasMessageContaining("known personas: default, terse");
    }

    @Test
    void anEditedPersonaAnswersFromTheNextLookup() {
        selector.save(SCOPE, pirate);
        selector.choose(GENERAL, "pirate");

        Persona edited = new Persona("pirate", "Yo ho.", SAMPLING);
        selector.save(SCOPE, edited);

        assertThat(selector.personaFor(GENERAL).systemPrompt()).isEqualTo("Yo ho.");
    }

    @Test
    void deletingAPersonaSendsTheChannelsThatUsedItBackToTheDefault() {
        selector.save(SCOPE, pirate);
        selector.choose(GENERAL, "pirate");
        selector.choose(MEMES, "pirate");

        assertThat(selector.delete(SCOPE, "pirate")).hasValue(2);

        assertThat(selector.personaFor(GENERAL)).isEqualTo(helper);
        assertThat(selector.personaFor(MEMES)).isEqualTo(helper);
        assertThat(selector.names(SCOPE)).containsExactly("default", "terse");
        selector.save(SCOPE, pirate);
        assertThat(selector.personaFor(GENERAL)).as("a persona made again under the name is not chosen again")
                .isEqualTo(helper);
    }

    @Test
    void builtInPersonasCannotBeTakenOverOrDeletedByAScope() {
        assertThatThrownBy(() -> selector.save(SCOPE, new Persona("terse", "Many words.", SAMPLING)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(selector.delete(SCOPE, "terse")).isEmpty();
        assertThat(selector.delete(SCOPE, "nobody")).isEmpty();
        assertThat(selector.builtIn("TERSE")).isTrue();
    }

    @Test
    void aScopePersonaLaterHiddenByABuiltInOfItsNameIsNotListedAndTheBuiltInAnswers() {
        store.save(SCOPE, new Persona("terse", "Many words.", SAMPLING)); // made before the operator added "terse"

        assertThat(selector.own(SCOPE)).isEmpty();
        assertThat(selector.find(SCOPE, "terse")).contains(terse);
    }

    @Test
    void aSelectorWithoutAStoreOffersOnlyTheBuiltInOnes() {
        var builtInOnly = new PersonaSelector(PersonaCatalog.of(helper), new InMemoryPersonaChoices());

        assertThat(builtInOnly.own(SCOPE)).isEmpty();
        assertThatThrownBy(() -> builtInOnly.save(SCOPE, pirate)).isInstanceOf(UnsupportedOperationException.class);
    }
}
