/**
 * The Discord adapter: JDA events become the core's {@code InboundMessage}s, slash-commands become
 * the core's command lines, and replies stream back as throttled edits split at Discord's limits.
 * Nothing here decides anything the core decides.
 */
@NullMarked
package dev.parley.discord;

import org.jspecify.annotations.NullMarked;
