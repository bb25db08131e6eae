/** The offline moderation mode: JSON lines in, OpenAI-shaped moderation results out. */
@NullMarked
package dev.parley.app.moderate;

import org.jspecify.annotations.NullMarked;
