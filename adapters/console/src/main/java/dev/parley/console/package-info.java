/** The console adapter: chat with the bot from a terminal, the embedded default when no platform token is set. */
@NullMarked
package dev.parley.console;

import org.jspecify.annotations.NullMarked;
