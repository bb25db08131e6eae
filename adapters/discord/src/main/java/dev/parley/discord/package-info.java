/**
 * Discord adapter: JDA events in, {@code InboundMessage}s to the core, replies out.
 *
 * <p>Placeholder: this module only compiles against JDA so far; the listener, slash-commands and
 * the streaming reply sink arrive with the Discord issue.
 */
@NullMarked
package dev.parley.discord;

import org.jspecify.annotations.NullMarked;
