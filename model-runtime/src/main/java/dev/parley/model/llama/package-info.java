/**
 * The {@link dev.parley.core.model.ChatModel} on llama.cpp through JNI (de.kherud:llama 4.2.0),
 * with every known crash trigger of that binding guarded in Java ({@code notes/llama-jni.md}).
 */
@NullMarked
package dev.parley.model.llama;

import org.jspecify.annotations.NullMarked;
