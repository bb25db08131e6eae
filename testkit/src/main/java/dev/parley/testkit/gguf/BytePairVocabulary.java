package dev.parley.testkit.gguf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The vocabulary of {@link Vocabulary#BYTE_LEVEL_BPE}: ids 0 to 255 are the byte symbols in byte
 * order ({@link ByteSymbols}), then the symbols {@link BpeLearner} made from {@link BpeCorpus} in
 * the order it made them, then {@code [PAD<id>]} placeholders (unused tokens, as converted Qwen
 * files pad theirs) should the text run out of merges before the vocabulary is full, and last
 * {@code <|endoftext|>}, {@code <|im_start|>}, {@code <|im_end|>} and the architecture's own
 * control tokens, as Qwen puts its special tokens after the learned ones.
 */
final class BytePairVocabulary implements VocabularyLayout {

    /** The pre-tokenizer named in the file: the pinned llama.cpp splits text with Qwen2's rules for it. */
    static final String PRE_TOKENIZER = "qwen2";
    /** The control tokens every BPE vocabulary ends with, before the architecture's. */
    static final List<String> SPECIAL_TOKENS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>");

    // llama.cpp's token types; a gpt2 vocabulary has no byte type: its bytes are ordinary symbols
    private static final int TYPE_NORMAL = 1;
    private static final int TYPE_CONTROL = 3;
    private static final int TYPE_UNUSED = 5;

    private final int size;
    private final List<String> controls;
    private final int learned;

    /** A vocabulary of {@code size} tokens ending in the special tokens and {@code extraControls}. */
    BytePairVocabulary(int size, List<String> extraControls) {
        if (size < minimumSize(extraControls.size())) {
            throw new IllegalArgumentException("a byte-level BPE vocabulary needs at least "
                    + minimumSize(extraControls.size()) + " tokens, was " + size);
        }
        this.size = size;
        List<String> all = new ArrayList<>(SPECIAL_TOKENS);
        all.addAll(extraControls);
        this.controls = List.copyOf(all);
        this.learned = Math.min(Learned.SYMBOLS.size(), size - 256 - controls.size());
    }

    /** The byte symbols, the control tokens and one learned symbol. */
    static int minimumSize(int extraControls) {
        return 256 + SPECIAL_TOKENS.size() + extraControls + 1;
    }

    @Override
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(size);
        for (int b = 0; b < 256; b++) {
            tokens.add(ByteSymbols.of(b));
        }
        tokens.addAll(Learned.SYMBOLS.subList(0, learned));
        while (tokens.size() < size - controls.size()) {
            tokens.add("[PAD" + tokens.size() + "]");
        }
        tokens.addAll(controls);
        return tokens;
    }

    /** llama.cpp's type of token {@code id}: 1 normal (bytes and learned symbols), 3 control, 5 unused. */
    @Override
    public int tokenType(int id) {
        if (id >= size - controls.size()) {
            return TYPE_CONTROL;
        }
        return id < 256 + learned ? TYPE_NORMAL : TYPE_UNUSED;
    }

    /**
     * The merges, best first, as {@code tokenizer.ggml.merges} lists them: the learned ones up to
     * the last whose result is in the vocabulary, so that every merge llama.cpp makes gives a token.
     */
    List<String> merges() {
        Set<String> symbols = new HashSet<>(Learned.SYMBOLS.subList(0, learned));
        List<String> merges = new ArrayList<>();
        for (BpeLearner.Merge merge : Learned.MERGES) {
            if (!symbols.contains(merge.result())) {
                break;
            }
            merges.add(merge.ggufText());
        }
        return merges;
    }

    /** Adds the tokenizer keys: Qwen's choices of start, end and padding tokens, no start token added. */
    @Override
    public void addTo(GgufWriter writer) {
        List<String> tokens = tokens();
        int[] types = new int[size];
        for (int id = 0; id < size; id++) {
            types[id] = tokenType(id);
        }
        int endOfText = tokens.indexOf("<|endoftext|>");
        writer.putString("tokenizer.ggml.model", "gpt2")
                .putString("tokenizer.ggml.pre", PRE_TOKENIZER)
                .putStringArray("tokenizer.ggml.tokens", tokens)
                .putInt32Array("tokenizer.ggml.token_type", types)
                .putStringArray("tokenizer.ggml.merges", merges())
                .putUint32("tokenizer.ggml.bos_token_id", endOfText)
                .putUint32("tokenizer.ggml.eos_token_id", tokens.indexOf("<|im_end|>"))
                .putUint32("tokenizer.ggml.padding_token_id", endOfText)
                .putBool("tokenizer.ggml.add_bos_token", false);
    }

    /** The corpus's merges and the symbols they add, learned once on first use. */
    private static final class Learned {
        static final List<BpeLearner.Merge> MERGES = BpeLearner.learn(BpeCorpus.TEXT, Integer.MAX_VALUE);
        static final List<String> SYMBOLS;

        static {
            Set<String> seen = new HashSet<>();
            for (int b = 0; b < 256; b++) {
                seen.add(ByteSymbols.of(b));
            }
            List<String> symbols = new ArrayList<>();
            for (BpeLearner.Merge merge : MERGES) {
                if (seen.add(merge.result())) {
                    symbols.add(merge.result());
                }
            }
            SYMBOLS = List.copyOf(symbols);
        }
    }
}
