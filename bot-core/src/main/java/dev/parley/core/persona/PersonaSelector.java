package dev.parley.core.persona;

import dev.parley.core.conversation.Location;
import dev.parley.core.settings.ScopeKey;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SequencedSet;

/**
 * Decides which persona answers in a channel: the one its admins picked, or the catalog's default
 * (also when a picked persona was since removed from the configuration or deleted by an admin).
 * A scope sees the built-in personas of the catalog and its own, made at run time; a built-in
 * persona's name is never a scope's, so the built-ins mean the same everywhere.
 */
public final class PersonaSelector {

    private final PersonaCatalog catalog;
    private final PersonaChoices choices;
    private final ScopePersonas scopes;

    /** A selector offering only the built-in personas of {@code catalog}. */
    public PersonaSelector(PersonaCatalog catalog, PersonaChoices choices) {
        this(catalog, choices, ScopePersonas.NONE);
    }

    /** A selector offering the built-in personas of {@code catalog} and each scope's own from {@code scopes}. */
    public PersonaSelector(PersonaCatalog catalog, PersonaChoices choices, ScopePersonas scopes) {
        this.catalog = catalog;
        this.choices = choices;
        this.scopes = scopes;
    }

    /** A selector that always answers with {@code persona}. */
    public static PersonaSelector only(Persona persona) {
        return new PersonaSelector(PersonaCatalog.of(persona), new InMemoryPersonaChoices());
    }

    /** The persona that answers at {@code location}. */
    public Persona personaFor(Location location) {
        ScopeKey scope = ScopeKey.of(location);
        return choices.chosenFor(scope, location.channelId()).flatMap(name -> find(scope, name))
                .orElse(catalog.defaultPersona());
    }

    /**
     * Picks a persona for the channel of {@code location}.
     *
     * @throws UnknownPersonaException if neither the catalog nor the scope has a persona of that name
     */
    public Persona choose(Location location, String name) {
        ScopeKey scope = ScopeKey.of(location);
        Persona persona = find(scope, name).orElseThrow(() -> new UnknownPersonaException(name, names(scope)));
        choices.choose(scope, location.channelId(), persona.name());
        return persona;
    }

    /** The persona called {@code name} that {@code scope} sees: a built-in one, or else the scope's own. */
    public Optional<Persona> find(ScopeKey scope, String name) {
        Optional<Persona> builtIn = catalog.find(name);
        return builtIn.isPresent() ? builtIn : scopes.find(scope, normalise(name));
    }

    /** Whether {@code name} is a built-in persona's, which no scope may change or delete. */
    public boolean builtIn(String name) {
        return catalog.find(name).isPresent();
    }

    /** The names {@code scope} may choose from: the built-in ones in their order, then its own by name. */
    public SequencedSet<String> names(ScopeKey scope) {
        SequencedSet<String> names = new LinkedHashSet<>(catalog.names());
        own(scope).forEach(persona -> names.add(persona.name()));
        return names;
    }

    /** The scope's own personas, by name; one a built-in persona hides is left out. */
    public List<Persona> own(ScopeKey scope) {
        return scopes.all(scope).stream().filter(persona -> !builtIn(persona.name())).toList();
    }

    /**
     * Keeps {@code persona} as one of the scope's own, replacing the one of the same name.
     *
     * @throws IllegalArgumentException if a built-in persona has that name
     */
    public void save(ScopeKey scope, Persona persona) {
        if (builtIn(persona.name())) {
            throw new IllegalArgumentException("'" + persona.name() + "' is a built-in persona");
        }
        scopes.save(scope, persona);
    }

    /**
     * Deletes the scope's own persona called {@code name}; the channels that used it get the
     * default again.
     *
     * @return how many channels used it, or empty when the scope has no persona of that name
     */
    public OptionalInt delete(ScopeKey scope, String name) {
        String key = normalise(name);
        if (builtIn(key) || scopes.find(scope, key).isEmpty()) {
            return OptionalInt.empty();
        }
        int released = choices.release(scope, key);
        return scopes.delete(scope, key) ? OptionalInt.of(released) : OptionalInt.empty();
    }

    /** The persona a channel gets until one is picked for it. */
    public Persona defaultPersona() {
        return catalog.defaultPersona();
    }

    public PersonaCatalog catalog() {
        return catalog;
    }

    private static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
