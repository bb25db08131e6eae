/** The audit log of moderation blocks and admin changes, and the port to audit channels. */
@NullMarked
package dev.parley.core.audit;

import org.jspecify.annotations.NullMarked;
