package dev.parley.core.access;

import java.util.Locale;

/** Whether an access-list entry keeps its target away from the bot or lets it through a broader block. */
public enum AccessMode {
    BLOCK,
    ALLOW;

    /** The word admins type and read ("block", "allow"). */
    public String typed() {
        return name().toLowerCase(Locale.ROOT);
    }
}
