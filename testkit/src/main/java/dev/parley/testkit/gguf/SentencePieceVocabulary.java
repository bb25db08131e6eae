package dev.parley.testkit.gguf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SequencedSet;

/**
 * The vocabulary of {@link Vocabulary#SENTENCEPIECE}: {@code <unk>}, {@code <s>}, {@code </s>},
 * the 256 byte tokens {@code <0x00>..<0xFF>}, the control tokens {@code <|im_start|>} and
 * {@code <|im_end|>}, then ordinary word pieces (with all their prefixes, so SentencePiece can
 * merge up to them) padded with generated pieces, and last the architecture's own control tokens.
 * The ids of the first tokens are {@link TinyLlamaModel}'s constants.
 */
final class SentencePieceVocabulary implements VocabularyLayout {

    private static final int TYPE_NORMAL = 1;
    private static final int TYPE_UNKNOWN = 2;
    private static final int TYPE_CONTROL = 3;
    private static final int TYPE_BYTE = 6;
    private static final int FIRST_PIECE_ID = 261;
    private static final List<String> WORDS = List.of(
            "the", "hello", "world", "how", "are", "you", "good", "morning", "yes", "no", "and", "is",
            "it", "to", "of", "in", "a", "I", "bot", "chat", "thanks", "please", "what", "why", "sure");
    private static final String CHARACTERS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'-:;()";

    /** The smallest vocabulary: the special, byte and built-in word-piece tokens. */
    static final int MIN_SIZE = FIRST_PIECE_ID + basePieces().size();

    private final int size;
    private final List<String> extraControls;

    SentencePieceVocabulary(int size, List<String> extraControls) {
        this.size = size;
        this.extraControls = List.copyOf(extraControls);
    }

    @Override
    public List<String> tokens() {
        List<String> tokens = new ArrayList<>(size);
        tokens.add("<unk>");
        tokens.add("<s>");
        tokens.add("</s>");
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format(Locale.ROOT, "<0x%02X>", b));
        }
        tokens.add("<|im_start|>");
        tokens.add("<|im_end|>");
        SequencedSet<String> pieces = basePieces();
        tokens.addAll(pieces);
        // pad with generated pieces: "▁" followed by two, then three letters
        for (int n = 0; tokens.size() < size - extraControls.size(); n++) {
            String piece = "\u2581" + letters(n);
            if (!pieces.contains(piece)) {
                tokens.add(piece);
            }
        }
        tokens.addAll(extraControls);
        return tokens;
    }

    /** The SentencePiece token type of {@code id}: 1 normal, 2 unknown, 3 control, 6 byte. */
    @Override
    public int tokenType(int id) {
        if (id == TinyLlamaModel.UNK_ID) {
            return TYPE_UNKNOWN;
        }
        if (id == TinyLlamaModel.BOS_ID || id == TinyLlamaModel.EOS_ID || id == TinyLlamaModel.IM_START_ID
                || id == TinyLlamaModel.IM_END_ID || id >= size - extraControls.size()) {
            return TYPE_CONTROL;
        }
        return id < TinyLlamaModel.IM_START_ID ? TYPE_BYTE : TYPE_NORMAL;
    }

    /** Adds the tokenizer keys: scores that favour the earlier pieces, a start token added. */
    @Override
    public void addTo(GgufWriter writer) {
        int[] types = new int[size];
        float[] scores = new float[size];
        for (int id = 0; id < size; id++) {
            types[id] = tokenType(id);
            scores[id] = id < FIRST_PIECE_ID ? 0f : -(id - FIRST_PIECE_ID);
        }
        writer.putString("tokenizer.ggml.model", "llama")
                .putStringArray("tokenizer.ggml.tokens", tokens())
                .putFloat32Array("tokenizer.ggml.scores", scores)
                .putInt32Array("tokenizer.ggml.token_type", types)
                .putUint32("tokenizer.ggml.bos_token_id", TinyLlamaModel.BOS_ID)
                .putUint32("tokenizer.ggml.eos_token_id", TinyLlamaModel.EOS_ID)
                .putUint32("tokenizer.ggml.unknown_token_id", TinyLlamaModel.UNK_ID)
                .putBool("tokenizer.ggml.add_bos_token", true)
                .putBool("tokenizer.ggml.add_eos_token", false);
    }

    private static SequencedSet<String> basePieces() {
        SequencedSet<String> pieces = new LinkedHashSet<>();
        pieces.add("\u2581");
        for (String word : WORDS) {
            String piece = "\u2581" + word;
            for (int end = 2; end <= piece.length(); end++) {
                pieces.add(piece.substring(0, end));
            }
        }
        for (char c : CHARACTERS.toCharArray()) {
            pieces.add(String.valueOf(c));
            pieces.add("\u2581" + c);
        }
        return pieces;
    }

    /** The n-th string of two (then three, ...) lowercase letters: "aa", "ab", ... */
    private static String letters(int n) {
        int length = 2;
        long count = 26 * 26;
        while (n >= count) {
            n -= (int) count;
            length++;
            count *= 26;
        }
        char[] chars = new char[length];
        for (int i = length - 1; i >= 0; i--) {
            chars[i] = (char) ('a' + n % 26);
            n /= 26;
        }
        return new String(chars);
    }
}
