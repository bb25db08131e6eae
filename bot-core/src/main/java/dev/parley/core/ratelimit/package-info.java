/** Token-bucket rate limits per user, channel and server. */
@NullMarked
package dev.parley.core.ratelimit;

import org.jspecify.annotations.NullMarked;
