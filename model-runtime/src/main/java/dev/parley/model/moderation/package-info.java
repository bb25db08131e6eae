/**
 * The remote and LLM moderation tiers: an OpenAI-compatible {@code /v1/moderations} endpoint, and
 * a guard model run on llama.cpp beside the chat model, in one of the {@link
 * dev.parley.model.moderation.GuardFormat}s (Llama Guard 3 or Qwen3Guard-Gen). Both score texts in
 * Parley's {@link dev.parley.core.moderation.Category} taxonomy and fail with
 * {@link dev.parley.core.moderation.ModerationUnavailableException}, so the policy's failure mode
 * decides what a failure means.
 */
@NullMarked
package dev.parley.model.moderation;

import org.jspecify.annotations.NullMarked;
