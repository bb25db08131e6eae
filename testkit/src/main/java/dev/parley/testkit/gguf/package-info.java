/**
 * Writes GGUF files for tests: a general GGUF v3 writer and a generated, seeded tiny llama model
 * that llama.cpp loads in a fraction of a second.
 */
@NullMarked
package dev.parley.testkit.gguf;

import org.jspecify.annotations.NullMarked;
