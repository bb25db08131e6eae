/**
 * The {@link dev.parley.core.model.ChatModel} on llama.cpp in this process, through Parley's own
 * JNI binding ({@link dev.parley.model.llamacpp}): prompts, streaming, stop strings, slots, LoRA.
 */
@NullMarked
package dev.parley.model.llama;

import org.jspecify.annotations.NullMarked;
