/** The bounded queue in front of the model. */
@NullMarked
package dev.parley.core.queue;

import org.jspecify.annotations.NullMarked;
