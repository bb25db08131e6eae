package dev.parley.core.persona;

import java.util.Collection;

/** A persona was asked for by a name the catalog does not have; the message lists the names it has. */
public class UnknownPersonaException extends IllegalArgumentException {

    private final String name;

    public UnknownPersonaException(String name, Collection<String> known) {
        super("unknown persona '" + name + "'; known personas: " + String.join(", ", known));
        this.name = name;
    }

    /** The name that was asked for. */
    public String name() {
        return name;
    }
}
