/**
 * Read-only figures about a running model (loaded, busy slots, tokens, speed, time to first
 * token) for health checks and metrics, without depending on any metrics library.
 */
@NullMarked
package dev.parley.model.stats;

import org.jspecify.annotations.NullMarked;
