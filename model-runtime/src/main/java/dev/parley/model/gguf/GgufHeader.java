package dev.parley.model.gguf;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The checked header of a GGUF model file: what llama.cpp will find in it, read in Java with
 * bounded memory before any native code touches the file.
 *
 * @param file the file that was read
 * @param version the GGUF version (2 or 3)
 * @param architecture {@code general.architecture}, such as {@code llama}
 * @param metadata every scalar metadata value by key: a {@link Long} for every integer type
 *     (u64 as its two's complement), a {@link Double} for f32/f64, a {@link Boolean} or a
 *     {@link String}; arrays are left out
 * @param contextLength {@code <architecture>.context_length}, the context the model was trained for
 * @param chatTemplate {@code tokenizer.chat_template}, or null when the file has none
 * @param tokenCount how many tokens {@code tokenizer.ggml.tokens} holds
 * @param specialTokens the texts llama.cpp turns into special tokens when they occur in a
 *     prompt: every token of type control (3), user-defined (4) or unknown (2)
 * @param tensors the tensor infos, in file order
 */
public record GgufHeader(
        Path file,
        int version,
        String architecture,
        Map<String, Object> metadata,
        OptionalInt contextLength,
        @Nullable String chatTemplate,
        int tokenCount,
        List<String> specialTokens,
        List<TensorInfo> tensors) {

    /**
     * The architectures the pinned llama.cpp that Parley's binding is compiled from (August 2026,
     * {@code src/main/native/llama-sources.sha256}) loads: its {@code LLM_ARCH_NAMES}, without
     * {@code clip} (a vision projector, not a model), read from the resource
     * {@code llama-cpp-architectures.txt} beside this class, which the native build checks against
     * the pinned source (it stops when they differ, so the list moves with the pin). Checked
     * before llama.cpp sees a file so that an unknown architecture gets Parley's one-line message.
     */
    public static final Set<String> LLAMA_CPP_ARCHITECTURES = LlamaCppArchitectures.read();

    public GgufHeader {
        metadata = Map.copyOf(metadata);
        specialTokens = List.copyOf(specialTokens);
        tensors = List.copyOf(tensors);
    }

    /**
     * Reads and checks {@code file} for the architectures of {@link #LLAMA_CPP_ARCHITECTURES}.
     *
     * @throws InvalidModelFileException if the file is missing, unreadable, not GGUF, truncated,
     *     inconsistent, or something llama.cpp would crash or exhaust memory on
     */
    public static GgufHeader read(Path file) {
        return read(file, LLAMA_CPP_ARCHITECTURES);
    }

    /** Reads and checks {@code file}, accepting only the given architectures. */
    public static GgufHeader read(Path file, Set<String> architectures) {
        return new GgufReader(file, architectures).read();
    }

    /**
     * Reads and checks a LoRA adapter for the model {@code base}, as llama.cpp b4916 would before
     * applying it: {@code general.type} "adapter", {@code adapter.type} "lora", the base's
     * architecture, an f32 {@code adapter.lora.alpha} if any, and for every weight it adapts a
     * pair {@code W.lora_a} [in, rank], {@code W.lora_b} [rank, out] where the base has {@code W}
     * of shape [in, out].
     *
     * @throws InvalidModelFileException naming the file and the first problem found
     */
    public static GgufHeader readLoraAdapter(Path file, GgufHeader base) {
        GgufHeader adapter = new GgufReader(file, Set.of(base.architecture()), true).read();
        LoraAdapterCheck.check(adapter, base);
        return adapter;
    }
}
