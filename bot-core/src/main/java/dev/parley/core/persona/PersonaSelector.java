package dev.parley.core.persona;

import dev.parley.core.conversation.Location;
import dev.parley.core.settings.ScopeKey;

/**
 * Decides which persona answers in a channel: the one its admins picked, or the catalog's default
 * (also when a picked persona was since removed from the configuration).
 */
public final class PersonaSelector {

    private final PersonaCatalog catalog;
    private final PersonaChoices choices;

    public PersonaSelector(PersonaCatalog catalog, PersonaChoices choices) {
        this.catalog = catalog;
        this.choices = choices;
    }

    /** A selector that always answers with {@code persona}. */
    public static PersonaSelector only(Persona persona) {
        return new PersonaSelector(PersonaCatalog.of(persona), new InMemoryPersonaChoices());
    }

    /** The persona that answers at {@code location}. */
    public Persona personaFor(Location location) {
        return catalog.getOrDefault(choices.chosenFor(ScopeKey.of(location), location.channelId()).orElse(null));
    }

    /**
     * Picks a persona for the channel of {@code location}.
     *
     * @throws UnknownPersonaException if the catalog has no persona of that name
     */
    public Persona choose(Location location, String name) {
        Persona persona = catalog.get(name);
        choices.choose(ScopeKey.of(location), location.channelId(), persona.name());
        return persona;
    }

    public PersonaCatalog catalog() {
        return catalog;
    }
}
