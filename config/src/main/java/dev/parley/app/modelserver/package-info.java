/**
 * {@code parley model-server}: loads the configured model and serves it over an OpenAI-compatible
 * API, so that several bot processes ({@code parley.model.backend=openai}) share it.
 */
@NullMarked
package dev.parley.app.modelserver;

import org.jspecify.annotations.NullMarked;
