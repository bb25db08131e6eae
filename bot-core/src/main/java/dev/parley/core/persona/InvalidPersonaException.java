package dev.parley.core.persona;

/** A value typed for a persona breaks {@link PersonaRules}; the message is one line fit to answer with. */
public class InvalidPersonaException extends IllegalArgumentException {

    public InvalidPersonaException(String message) {
        super(message);
    }
}
