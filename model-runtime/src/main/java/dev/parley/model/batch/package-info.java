/**
 * Continuous batching: one decode thread per model takes the next tokens of every active
 * conversation into one {@code llama_decode}, samples each with its own chain, and keeps each
 * conversation's tokens in its own sequence of the context for the next turn.
 */
@NullMarked
package dev.parley.model.batch;

import org.jspecify.annotations.NullMarked;
