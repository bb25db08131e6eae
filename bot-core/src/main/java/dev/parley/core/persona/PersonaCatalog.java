package dev.parley.core.persona;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedSet;
import org.jspecify.annotations.Nullable;

/**
 * The personas a bot offers, by name, and the one a channel gets until an admin picks another.
 * Immutable and thread-safe. Names are looked up ignoring case and surrounding spaces, as
 * people type them in commands.
 */
public final class PersonaCatalog {

    private final Map<String, Persona> personas;
    private final Persona defaultPersona;

    /**
     * A catalog of {@code personas} whose default is the one named {@code defaultName}.
     *
     * @throws IllegalArgumentException if there are none, two share a name, or none is named
     *     {@code defaultName}
     */
    public PersonaCatalog(List<Persona> personas, String defaultName) {
        Objects.requireNonNull(defaultName, "defaultName");
        if (personas.isEmpty()) {
            throw new IllegalArgumentException("a persona catalog needs at least one persona");
        }
        Map<String, Persona> byName = new LinkedHashMap<>();
        for (Persona persona : personas) {
            if (byName.putIfAbsent(persona.name(), persona) != null) {
                throw new IllegalArgumentException("two personas are named '" + persona.name() + "'");
            }
        }
        this.personas = byName;
        Persona chosen = byName.get(normalise(defaultName));
        if (chosen == null) {
            throw new IllegalArgumentException("the default persona '" + defaultName + "' is not among the personas: "
                    + String.join(", ", byName.keySet()));
        }
        this.defaultPersona = chosen;
    }

    /** A catalog of one persona, which is the default. */
    public static PersonaCatalog of(Persona persona) {
        return new PersonaCatalog(List.of(persona), persona.name());
    }

    /** The persona a channel gets until one is picked for it. */
    Persona defaultPersona() {
        return defaultPersona;
    }

    /**
     * The persona called {@code name}.
     *
     * @throws UnknownPersonaException if there is none; its message lists the names there are
     */
    public Persona get(String name) {
        return find(name).orElseThrow(() -> new UnknownPersonaException(name, names()));
    }

    /** The persona called {@code name}, if there is one. */
    public Optional<Persona> find(String name) {
        return Optional.ofNullable(personas.get(normalise(name)));
    }

    /**
     * The persona called {@code name}, or the default when {@code name} is null or unknown (a
     * channel's choice that was since removed from the configuration, say).
     */
    public Persona getOrDefault(@Nullable String name) {
        return name == null ? defaultPersona : find(name).orElse(defaultPersona);
    }

    /** The names, in the order the personas were given. */
    public SequencedSet<String> names() {
        return Collections.unmodifiableSequencedSet(new LinkedHashSet<>(personas.keySet()));
    }

    /** Every persona, in the order they were given. */
    public Collection<Persona> personas() {
        return List.copyOf(personas.values());
    }

    private static String normalise(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "PersonaCatalog" + personas.keySet() + " default " + defaultPersona.name();
    }
}
