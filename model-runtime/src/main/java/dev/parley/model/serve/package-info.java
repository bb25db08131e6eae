/**
 * An OpenAI-compatible HTTP server in front of one {@link dev.parley.core.model.ChatModel}, so that
 * several bot processes (the {@code openai} backend) share one loaded model.
 */
@NullMarked
package dev.parley.model.serve;

import org.jspecify.annotations.NullMarked;
