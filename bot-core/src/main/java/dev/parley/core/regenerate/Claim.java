package dev.parley.core.regenerate;

/** What a press of <em>Regenerate</em> came to: refused with a reason for the presser, or granted. */
public sealed interface Claim {

    /** Not regenerated; {@code reason} is one line for the presser alone. */
    record Refused(String reason) implements Claim {}

    /** The presser may regenerate; the answer stays claimed until replaced or released. */
    record Granted(Regeneration regeneration) implements Claim {}
}
