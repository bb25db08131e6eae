package dev.parley.testkit.gguf;

import java.util.List;

/** What writing a {@link TinyLlamaModel} needs of its vocabulary, whichever {@link Vocabulary} it is. */
sealed interface VocabularyLayout permits SentencePieceVocabulary, BytePairVocabulary {

    /** Every token's text, indexed by id. */
    List<String> tokens();

    /** llama.cpp's token type of {@code id} ({@code tokenizer.ggml.token_type}). */
    int tokenType(int id);

    /** Adds the {@code tokenizer.ggml.*} keys. */
    void addTo(GgufWriter writer);
}
