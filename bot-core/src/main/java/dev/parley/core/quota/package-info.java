/**
 * Budgets per day and per month, in messages and model tokens, for a user, a channel and a whole
 * server, on top of the per-minute rate limits: which budget applies, what has been used, and
 * when a period renews in the scope's time zone.
 */
@NullMarked
package dev.parley.core.quota;

import org.jspecify.annotations.NullMarked;
