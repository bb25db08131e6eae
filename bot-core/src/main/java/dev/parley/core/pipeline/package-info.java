/** The path of one message, from an adapter through moderation, limits, queue and model back to the platform. */
@NullMarked
package dev.parley.core.pipeline;

import org.jspecify.annotations.NullMarked;
