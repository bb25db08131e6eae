/** The fair, bounded queue in front of the model: turns across scopes and users, deadlines, withdrawal. */
@NullMarked
package dev.parley.core.queue;

import org.jspecify.annotations.NullMarked;
