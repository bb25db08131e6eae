/**
 * Parley's own JNI binding to llama.cpp (issue #16), built from a checked llama.cpp source by
 * model-runtime's build and shipped in its jar: load a model, tokenize, apply the built-in chat
 * template, and generate one conversation with a sampler chain and LoRA adapters. The bot's
 * {@code ChatModel}, {@code dev.parley.model.llama.LlamaChatModel}, runs on it.
 *
 * <p>Every argument is checked in Java before it reaches native code, and native failures come
 * back as {@link dev.parley.model.llamacpp.LlamaCppException}; see {@code docs/llama-jni.md}.
 */
@NullMarked
package dev.parley.model.llamacpp;

import org.jspecify.annotations.NullMarked;
