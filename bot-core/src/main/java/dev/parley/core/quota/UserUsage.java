package dev.parley.core.quota;

/** One user's use in a period, for the list of the top users of a scope. */
public record UserUsage(String userId, Usage usage) {}
