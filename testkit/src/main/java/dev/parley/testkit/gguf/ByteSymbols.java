package dev.parley.testkit.gguf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte-level BPE alphabet: each of the 256 byte values written as one printable character,
 * the mapping GPT-2 introduced and Qwen, Llama 3 and the other byte-level BPE vocabularies share.
 * A byte that is already a printable Latin-1 character ({@code !..~}, {@code ¡..¬}, {@code ®..ÿ})
 * stands for itself; the others (controls, space, DEL, the C1 controls, no-break space, soft
 * hyphen) take the code points from 256 upward in byte order, so the space is {@code Ġ} (288) and
 * the newline {@code Ċ} (266). llama.cpp maps a gpt2 vocabulary's token text back to bytes through
 * this same table, so a token's text must be made of these characters only.
 */
final class ByteSymbols {

    private static final String[] SYMBOLS = new String[256];

    static {
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            SYMBOLS[b] = Character.toString(printable ? b : next++);
        }
    }

    private ByteSymbols() {}

    /** The character standing for byte {@code value} (0 to 255). */
    static String of(int value) {
        return SYMBOLS[value];
    }

    /** The symbols of {@code text}'s UTF-8 bytes, one a byte: what BPE starts merging from. */
    static List<String> split(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> symbols = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            symbols.add(SYMBOLS[b & 0xFF]);
        }
        return symbols;
    }

    /** {@code text}'s UTF-8 bytes written in symbols: the token text a piece of {@code text} has. */
    static String encode(String text) {
        return String.join("", split(text));
    }
}
