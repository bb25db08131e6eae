/** The audit log of moderation blocks and admin changes. */
@NullMarked
package dev.parley.core.audit;

import org.jspecify.annotations.NullMarked;
