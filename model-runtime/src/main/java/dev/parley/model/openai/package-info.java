/**
 * The {@link dev.parley.core.model.ChatModel} on an OpenAI-compatible HTTP server (llama-server,
 * vLLM, Ollama...) for architectures, GPUs and fleets the in-process llama.cpp build cannot serve.
 */
@NullMarked
package dev.parley.model.openai;

import org.jspecify.annotations.NullMarked;
