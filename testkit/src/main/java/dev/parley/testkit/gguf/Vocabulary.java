package dev.parley.testkit.gguf;

/**
 * The kind of vocabulary a {@link TinyLlamaModel} is written with. Both end in the control tokens
 * its chat template needs ({@code <|im_start|>}, {@code <|im_end|>}, and its architecture's), and
 * in both only ordinary tokens get output weights, so random generation emits ordinary tokens.
 */
public enum Vocabulary {
    /**
     * SentencePiece ({@code tokenizer.ggml.model = "llama"}), the default: {@code <unk>},
     * {@code <s>}, {@code </s>}, byte tokens {@code <0x00>..<0xFF>}, then scored word pieces with
     * {@code ▁} for a space. What llama 2, Mistral and Gemma's tokenizers look like to llama.cpp: it
     * strips the first leading space of a detokenized text and falls back to byte tokens for any
     * character without a piece.
     */
    SENTENCEPIECE,
    /**
     * Byte-level BPE ({@code tokenizer.ggml.model = "gpt2"}, pre-tokenizer {@code "qwen2"}) as
     * Qwen2, Qwen3 and Llama 3 ship it: the 256 bytes as printable symbols ({@code Ġ} for a space),
     * a few hundred merges learned from English and Portuguese text (so whole words, accented
     * words and leading-space words are single tokens, and a token may hold part of a character),
     * then {@code <|endoftext|>}, {@code <|im_start|>} and {@code <|im_end|>} as control tokens.
     * Every byte is an ordinary token, so generated text splits multi-byte characters anywhere.
     */
    BYTE_LEVEL_BPE
}
