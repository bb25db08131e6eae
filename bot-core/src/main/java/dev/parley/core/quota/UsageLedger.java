package dev.parley.core.quota;

import dev.parley.core.settings.ScopeKey;
import java.time.LocalDate;
import java.util.List;

/**
 * The port to the usage counters: one counter per user, channel and scope per local day. Month
 * totals are the sum of its days. Implementations add in one atomic step each, so that several
 * processes on one store never lose or double an increment.
 */
public interface UsageLedger {

    /** Adds {@code usage} to the day {@code day} of the user's, the channel's and the scope's counters. */
    void charge(ScopeKey scope, String channelId, String userId, LocalDate day, Usage usage);

    /** The use of {@code subjectId} (a user or channel id; ignored for the scope) on the days from {@code first} to {@code last}. */
    Usage used(ScopeKey scope, QuotaLevel level, String subjectId, LocalDate first, LocalDate last);

    /** The users of {@code scope} who used the most tokens from {@code first} to {@code last}, most first. */
    List<UserUsage> top(ScopeKey scope, LocalDate first, LocalDate last, int count);
}
