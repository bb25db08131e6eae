/**
 * Reads and checks GGUF model files in Java before llama.cpp sees them, so that a broken or
 * hostile file gives a one-line error instead of a native crash or unbounded memory use.
 */
@NullMarked
package dev.parley.model.gguf;

import org.jspecify.annotations.NullMarked;
