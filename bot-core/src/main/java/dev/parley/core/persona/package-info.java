/**
 * Personas: named ways for the bot to be, each a system prompt, sampling settings and LoRA
 * adapter scales, and the catalog a channel picks one from.
 */
@NullMarked
package dev.parley.core.persona;

import org.jspecify.annotations.NullMarked;
