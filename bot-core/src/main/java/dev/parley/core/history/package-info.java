/**
 * Conversation history kept across restarts, for the scopes whose admins opted in: the archive
 * port, the retention policy and what {@code /bot history} switches.
 */
@NullMarked
package dev.parley.core.history;

import org.jspecify.annotations.NullMarked;
