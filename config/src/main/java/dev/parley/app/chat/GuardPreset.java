package dev.parley.app.chat;

import dev.parley.model.moderation.GuardFormat;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A guard model {@code parley.moderation.guard.download} can name instead of a URL: a Q4_K_M
 * GGUF of Llama Guard 3 (QuantFactory's conversions on Hugging Face; Meta's own repository is
 * gated and holds no GGUF). Checked on download like the default chat model, by size and GGUF
 * header; give {@code download-sha256} as well to pin the exact file.
 *
 * <p>No Qwen3Guard-Gen preset yet: its models (architecture qwen3) load since Parley's own binding
 * (issue #16), but no conversion's URL and size have been checked; give its URL with
 * {@code format=qwen3guard} (see {@link GuardFormat}).
 */
enum GuardPreset {
    LLAMA_GUARD_3_1B("llama-guard-3-1b",
            "https://huggingface.co/QuantFactory/Llama-Guard-3-1B-GGUF/resolve/main/Llama-Guard-3-1B.Q4_K_M.gguf"),
    LLAMA_GUARD_3_8B("llama-guard-3-8b",
            "https://huggingface.co/QuantFactory/Llama-Guard-3-8B-GGUF/resolve/main/Llama-Guard-3-8B.Q4_K_M.gguf");

    private final String configName;
    private final URI url;

    GuardPreset(String configName, String url) {
        this.configName = configName;
        this.url = URI.create(url);
    }

    /** The name {@code download} takes: {@code llama-guard-3-1b}. */
    String configName() {
        return configName;
    }

    /** Where the file comes from. */
    URI url() {
        return url;
    }

    /** The format the model answers in. */
    GuardFormat format() {
        return GuardFormat.LLAMA_GUARD_3;
    }

    /** The preset called {@code name}, in any case, or empty. */
    static Optional<GuardPreset> named(String name) {
        return Arrays.stream(values()).filter(preset -> preset.configName.equalsIgnoreCase(name.strip())).findFirst();
    }

    /** Every preset's name, for messages. */
    static List<String> names() {
        return Arrays.stream(values()).map(GuardPreset::configName).toList();
    }
}
