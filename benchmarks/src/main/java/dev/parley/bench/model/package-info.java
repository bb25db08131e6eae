/**
 * The model benchmark harness: load time, prompt and generation speed, time to first token and
 * concurrent streams, printed next to llama.cpp's own timings.
 */
@NullMarked
package dev.parley.bench.model;

import org.jspecify.annotations.NullMarked;
