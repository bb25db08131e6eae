/** The chat pipeline's configuration and wiring. */
@NullMarked
package dev.parley.app.chat;

import org.jspecify.annotations.NullMarked;
