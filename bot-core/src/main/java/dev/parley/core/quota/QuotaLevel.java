package dev.parley.core.quota;

/** Whose use a budget counts: one author in a scope, one channel, or the whole scope (server or chat). */
public enum QuotaLevel {
    USER,
    CHANNEL,
    SERVER
}
