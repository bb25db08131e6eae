package dev.parley.core.dataset;

/** A preference pair for DPO: two answers to one prompt, the one people preferred first; redacted. */
public record PreferencePair(String prompt, String chosen, String rejected) {

    public PreferencePair {
        SftExample.requireText(prompt, "prompt");
        SftExample.requireText(chosen, "chosen");
        SftExample.requireText(rejected, "rejected");
    }
}
