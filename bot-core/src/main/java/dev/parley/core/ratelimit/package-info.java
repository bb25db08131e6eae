/** Token-bucket rate limits per user, channel and server on what comes in; platform limits on what goes out. */
@NullMarked
package dev.parley.core.ratelimit;

import org.jspecify.annotations.NullMarked;
