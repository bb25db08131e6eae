package dev.parley.model.gguf;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses one GGUF file. Every length and count is checked against the bytes left in the file
 * before anything is allocated or skipped for it, so a corrupt length cannot exhaust memory.
 */
final class GgufReader {

    private static final int MAGIC = 0x46554747; // "GGUF", little-endian
    private static final int DEFAULT_ALIGNMENT = 32;
    private static final int MAX_KEY_BYTES = 65_536;
    // longer scalar strings are skipped, not kept: a chat template is a few KB
    private static final int MAX_KEPT_STRING_BYTES = 1 << 20;
    // no tokenizer has tokens this long; llama.cpp would allocate whatever the file claims
    private static final int MAX_TOKEN_BYTES = 65_536;
    // real vocabularies have up to a few hundred thousand tokens
    private static final int MAX_TOKENS = 1 << 24;
    // what all kept metadata strings may take together
    private static final long MAX_KEPT_STRING_TOTAL = 16L << 20;
    private static final long MAX_TOKEN_TEXT_TOTAL = 64L << 20;
    private static final int MAX_ARRAY_NESTING = 8;
    private static final int MAX_TENSOR_NAME_BYTES = 63; // GGML_MAX_NAME is 64 with the terminator
    private static final int MAX_DIMS = 4;
    private static final int TYPE_UINT8 = 0;
    private static final int TYPE_INT8 = 1;
    private static final int TYPE_UINT16 = 2;
    private static final int TYPE_INT16 = 3;
    private static final int TYPE_UINT32 = 4;
    private static final int TYPE_INT32 = 5;
    private static final int TYPE_FLOAT32 = 6;
    private static final int TYPE_BOOL = 7;
    private static final int TYPE_STRING = 8;
    private static final int TYPE_ARRAY = 9;
    private static final int TYPE_UINT64 = 10;
    private static final int TYPE_INT64 = 11;
    private static final int TYPE_FLOAT64 = 12;
    private static final String TOKENS = "tokenizer.ggml.tokens";
    private static final String TOKEN_TYPES = "tokenizer.ggml.token_type";

    private final Path file;
    private final Set<String> architectures;
    private final boolean adapter; // a LoRA adapter: no vocabulary of its own
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private @Nullable FileChannel channel;
    private long size;
    private long bufferStart; // file position of buffer index 0
    private String section = "header";

    private final Map<String, Object> metadata = new HashMap<>();
    private @Nullable List<String> tokens;
    private int @Nullable [] tokenTypes;
    private long keptStringBytes;

    GgufReader(Path file, Set<String> architectures) {
        this(file, architectures, false);
    }

    GgufReader(Path file, Set<String> architectures, boolean adapter) {
        this.file = file;
        this.architectures = Set.copyOf(architectures);
        this.adapter = adapter;
    }

    GgufHeader read() {
        if (Files.isDirectory(file)) {
            throw invalid("it is a directory, not a file");
        }
        try (FileChannel opened = FileChannel.open(file, StandardOpenOption.READ)) {
            channel = opened;
            size = opened.size();
            buffer.limit(0);
            return parse();
        } catch (NoSuchFileException e) {
            throw invalid("no such file");
        } catch (AccessDeniedException e) {
            throw invalid("not readable (permission denied)");
        } catch (EOFException e) {
            throw invalid("truncated: the file ends inside the " + section);
        } catch (IOException e) {
            throw new InvalidModelFileException(file, "could not read it: " + e, e);
        }
    }

    private GgufHeader parse() throws IOException {
        if (size == 0) {
            throw invalid("the file is empty");
        }
        if (size < 4) {
            throw invalid("truncated: only " + size + " bytes, not a GGUF file");
        }
        int magic = u32();
        if (magic != MAGIC) {
            throw invalid(String.format(Locale.ROOT, "not a GGUF file (it starts with %02x %02x %02x %02x, not 'GGUF')",
                    magic & 0xff, (magic >>> 8) & 0xff, (magic >>> 16) & 0xff, magic >>> 24));
        }
        int version = u32();
        if (version != 2 && version != 3) {
            throw invalid("unsupported GGUF version " + Integer.toUnsignedString(version) + " (llama.cpp reads 2 and 3)");
        }
        long tensorCount = u64();
        long kvCount = u64();
        // the smallest metadata entry is 13 bytes (empty key, type, one byte); a tensor info 24
        if (kvCount < 0 || kvCount > remaining() / 13) {
            throw invalid("metadata count " + Long.toUnsignedString(kvCount) + " is impossible for a file of " + size + " bytes");
        }
        if (tensorCount < 0 || tensorCount > remaining() / 24) {
            throw invalid("tensor count " + Long.toUnsignedString(tensorCount) + " is impossible for a file of " + size + " bytes");
        }
        for (long i = 0; i < kvCount; i++) {
            section = "metadata (entry " + i + ")";
            String key = string(MAX_KEY_BYTES, "metadata key");
            section = "metadata (key '" + key + "')";
            if (metadata.containsKey(key) || (key.equals(TOKENS) && tokens != null)) {
                throw invalid("duplicate metadata key '" + key + "'");
            }
            readValue(key, u32());
        }
        String architecture = architecture();
        List<String> tokenTexts = tokens;
        if (tokenTexts == null && !adapter) {
            throw invalid("no " + TOKENS + " (llama.cpp needs a vocabulary)");
        }
        if (tokenTexts == null) {
            tokenTexts = List.of();
        }
        int[] types = tokenTypes;
        if (types != null && types.length != tokenTexts.size()) {
            throw invalid(TOKEN_TYPES + " has " + types.length + " entries for " + tokenTexts.size() + " tokens");
        }
        long alignment = alignment();
        List<TensorInfo> tensors = new ArrayList<>((int) Math.min(tensorCount, 4096));
        Set<String> names = new HashSet<>();
        for (long i = 0; i < tensorCount; i++) {
            section = "tensor infos (tensor " + i + ")";
            TensorInfo tensor = tensorInfo();
            if (!names.add(tensor.name())) {
                throw invalid("duplicate tensor '" + tensor.name() + "'");
            }
            tensors.add(tensor);
        }
        long dataStart = (position() + alignment - 1) / alignment * alignment;
        for (TensorInfo tensor : tensors) {
            if (tensor.offset() % alignment != 0) {
                throw invalid("tensor '" + tensor.name() + "' has offset " + tensor.offset()
                        + ", not a multiple of the alignment " + alignment);
            }
            long available = size - dataStart;
            if (tensor.offset() > available || tensor.byteSize() > available - tensor.offset()) {
                throw invalid("truncated: the data of tensor '" + tensor.name() + "' ends at byte "
                        + (dataStart + tensor.offset() + tensor.byteSize()) + ", beyond the end of the file (" + size + " bytes)");
            }
        }
        return new GgufHeader(file, version, architecture, metadata, contextLength(architecture),
                metadata.get("tokenizer.chat_template") instanceof String template ? template : null,
                tokenTexts.size(), specialTokens(tokenTexts, types), tensors);
    }

    private String architecture() {
        Object architecture = metadata.get("general.architecture");
        if (architecture == null) {
            throw invalid("no general.architecture");
        }
        if (!(architecture instanceof String name)) {
            throw invalid("general.architecture is not a string");
        }
        if (!architectures.contains(name)) {
            throw invalid(adapter
                    ? "the adapter is for architecture '" + name + "', the model is " + String.join(", ", architectures)
                    : "architecture '" + name + "' is not supported by this llama.cpp build");
        }
        return name;
    }

    private long alignment() {
        Object value = metadata.get("general.alignment");
        if (value == null) {
            return DEFAULT_ALIGNMENT;
        }
        if (!(value instanceof Long alignment) || alignment <= 0 || Long.bitCount(alignment) != 1) {
            throw invalid("general.alignment " + value + " is not a power of two");
        }
        return alignment;
    }

    private OptionalInt contextLength(String architecture) {
        return metadata.get(architecture + ".context_length") instanceof Long length && length > 0 && length <= Integer.MAX_VALUE
                ? OptionalInt.of(length.intValue())
                : OptionalInt.empty();
    }

    private static List<String> specialTokens(List<String> tokens, int @Nullable [] types) {
        List<String> special = new ArrayList<>();
        if (types != null) {
            for (int id = 0; id < types.length; id++) {
                int type = types[id];
                if ((type == 2 || type == 3 || type == 4) && !tokens.get(id).isEmpty()) {
                    special.add(tokens.get(id));
                }
            }
        }
        return special;
    }

    private TensorInfo tensorInfo() throws IOException {
        String name = string(MAX_TENSOR_NAME_BYTES, "tensor name");
        section = "tensor infos (tensor '" + name + "')";
        int dimCount = u32();
        if (dimCount < 1 || dimCount > MAX_DIMS) {
            throw invalid("tensor '" + name + "' has " + Integer.toUnsignedString(dimCount) + " dimensions (1 to 4 allowed)");
        }
        List<Long> dims = new ArrayList<>(dimCount);
        long elements = 1;
        for (int d = 0; d < dimCount; d++) {
            long dim = u64();
            if (dim < 0) {
                throw invalid("tensor '" + name + "' has an impossible dimension " + Long.toUnsignedString(dim));
            }
            dims.add(dim);
            elements = dim == 0 ? 0 : (elements > Long.MAX_VALUE / dim ? -1 : elements * dim);
            if (elements < 0) {
                throw invalid("tensor '" + name + "' has more elements than a file can hold");
            }
        }
        int typeCode = u32();
        TensorType type = TensorType.of(typeCode);
        if (type == null) {
            throw invalid("tensor '" + name + "' has unknown type " + Integer.toUnsignedString(typeCode));
        }
        if (dims.getFirst() % type.blockSize != 0) {
            throw invalid("tensor '" + name + "' has a first dimension of " + dims.getFirst()
                    + ", not a multiple of the block size " + type.blockSize + " of " + type);
        }
        long offset = u64();
        if (offset < 0) {
            throw invalid("tensor '" + name + "' has an impossible offset " + Long.toUnsignedString(offset));
        }
        long blocks = elements / type.blockSize;
        if (blocks > Long.MAX_VALUE / type.bytesPerBlock) {
            throw invalid("tensor '" + name + "' has more elements than a file can hold");
        }
        return new TensorInfo(name, dims, typeCode, offset, blocks * type.bytesPerBlock);
    }

    private void readValue(String key, int type) throws IOException {
        switch (type) {
            case TYPE_UINT8 -> metadata.put(key, (long) (u8() & 0xff));
            case TYPE_INT8 -> metadata.put(key, (long) u8());
            case TYPE_UINT16 -> metadata.put(key, (long) (u16() & 0xffff));
            case TYPE_INT16 -> metadata.put(key, (long) u16());
            case TYPE_UINT32 -> metadata.put(key, Integer.toUnsignedLong(u32()));
            case TYPE_INT32 -> metadata.put(key, (long) u32());
            case TYPE_UINT64, TYPE_INT64 -> metadata.put(key, u64());
            case TYPE_FLOAT32 -> metadata.put(key, (double) Float.intBitsToFloat(u32()));
            case TYPE_FLOAT64 -> metadata.put(key, Double.longBitsToDouble(u64()));
            case TYPE_BOOL -> metadata.put(key, u8() != 0);
            case TYPE_STRING -> {
                String value = keptString(key);
                if (value != null) {
                    metadata.put(key, value);
                }
            }
            case TYPE_ARRAY -> readArray(key, 0);
            default -> throw invalid("metadata '" + key + "' has unknown value type " + Integer.toUnsignedString(type));
        }
    }

    private void readArray(String key, int depth) throws IOException {
        if (depth > MAX_ARRAY_NESTING) {
            throw invalid("array '" + key + "' is nested more than " + MAX_ARRAY_NESTING + " deep");
        }
        int elementType = u32();
        long count = u64();
        long minimum = minimumSize(key, elementType);
        if (count < 0 || count > remaining() / minimum) {
            throw invalid("truncated or corrupt: array '" + key + "' claims " + Long.toUnsignedString(count)
                    + " elements, more than the " + remaining() + " bytes left in the file can hold");
        }
        boolean vocabulary = depth == 0 && (key.equals(TOKENS) || key.equals(TOKEN_TYPES));
        if (vocabulary && count > MAX_TOKENS) {
            throw invalid("array '" + key + "' claims " + count + " tokens, more than the " + MAX_TOKENS + " a vocabulary may have");
        }
        if (depth == 0 && key.equals(TOKENS)) {
            // crash trigger 7: llama.cpp asserts (aborts the JVM) when the tokens are not strings
            if (elementType != TYPE_STRING) {
                throw invalid(TOKENS + " is an array of " + typeName(elementType) + ", not of strings");
            }
            List<String> texts = new ArrayList<>((int) Math.min(count, 1 << 16));
            long textBytes = 0;
            for (long i = 0; i < count; i++) {
                // crash trigger 8: a huge length inside the tokens array makes llama.cpp allocate without bound
                String text = string(MAX_TOKEN_BYTES, "token " + i);
                textBytes += text.length();
                if (textBytes > MAX_TOKEN_TEXT_TOTAL) {
                    throw invalid("the tokens take more than " + (MAX_TOKEN_TEXT_TOTAL >> 20) + " MiB, no real vocabulary does");
                }
                texts.add(text);
            }
            tokens = texts;
        } else if (vocabulary && isInteger(elementType)) {
            int[] types = new int[(int) count];
            for (int i = 0; i < types.length; i++) {
                types[i] = (int) integer(elementType);
            }
            tokenTypes = types;
        } else {
            skipElements(key, elementType, count, depth);
        }
    }

    private void skipElements(String key, int elementType, long count, int depth) throws IOException {
        switch (elementType) {
            case TYPE_STRING -> {
                for (long i = 0; i < count; i++) {
                    skip(stringLength(Long.MAX_VALUE, "element " + i + " of '" + key + "'"));
                }
            }
            case TYPE_ARRAY -> {
                for (long i = 0; i < count; i++) {
                    readArray(key, depth + 1);
                }
            }
            default -> skip(count * fixedSize(key, elementType));
        }
    }

    private long minimumSize(String key, int elementType) {
        return switch (elementType) {
            case TYPE_STRING -> 8;
            case TYPE_ARRAY -> 12;
            default -> fixedSize(key, elementType);
        };
    }

    private int fixedSize(String key, int type) {
        return switch (type) {
            case TYPE_UINT8, TYPE_INT8, TYPE_BOOL -> 1;
            case TYPE_UINT16, TYPE_INT16 -> 2;
            case TYPE_UINT32, TYPE_INT32, TYPE_FLOAT32 -> 4;
            case TYPE_UINT64, TYPE_INT64, TYPE_FLOAT64 -> 8;
            default -> throw invalid("array '" + key + "' has unknown element type " + Integer.toUnsignedString(type));
        };
    }

    private static boolean isInteger(int type) {
        return type == TYPE_INT32 || type == TYPE_UINT32 || type == TYPE_INT8 || type == TYPE_UINT8
                || type == TYPE_INT16 || type == TYPE_UINT16;
    }

    private long integer(int type) throws IOException {
        return switch (type) {
            case TYPE_UINT8 -> u8() & 0xff;
            case TYPE_INT8 -> u8();
            case TYPE_UINT16 -> u16() & 0xffff;
            case TYPE_INT16 -> u16();
            case TYPE_UINT32 -> Integer.toUnsignedLong(u32());
            default -> u32();
        };
    }

    private static String typeName(int type) {
        String[] names = {"u8", "i8", "u16", "i16", "u32", "i32", "f32", "bool", "string", "array", "u64", "i64", "f64"};
        return type >= 0 && type < names.length ? names[type] : "unknown type " + Integer.toUnsignedString(type);
    }

    private @Nullable String keptString(String key) throws IOException {
        long length = stringLength(Long.MAX_VALUE, "value of '" + key + "'");
        if (length > MAX_KEPT_STRING_BYTES || keptStringBytes + length > MAX_KEPT_STRING_TOTAL) {
            skip(length);
            return null;
        }
        keptStringBytes += length;
        return decode(bytes((int) length), "value of '" + key + "'");
    }

    private String string(int maxBytes, String what) throws IOException {
        long length = stringLength(maxBytes, what);
        return decode(bytes((int) length), what);
    }

    private long stringLength(long maxBytes, String what) throws IOException {
        long length = u64();
        if (length < 0 || length > remaining()) {
            throw invalid("truncated or corrupt: the " + what + " in the " + section + " claims "
                    + Long.toUnsignedString(length) + " bytes, beyond the end of the file");
        }
        if (length > maxBytes) {
            throw invalid("the " + what + " is " + length + " bytes long, more than the " + maxBytes + " allowed");
        }
        return length;
    }

    private String decode(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("the " + what + " is not valid UTF-8");
        }
    }

    private InvalidModelFileException invalid(String reason) {
        return new InvalidModelFileException(file, reason);
    }

    // ---- bounded little-endian reading ----

    private long position() {
        return bufferStart + buffer.position();
    }

    private long remaining() {
        return size - position();
    }

    private void require(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return;
        }
        if (remaining() < bytes) {
            throw new EOFException();
        }
        bufferStart += buffer.position();
        buffer.compact();
        FileChannel source = channel();
        while (buffer.position() < bytes) {
            if (source.read(buffer, bufferStart + buffer.position()) < 0) {
                throw new EOFException();
            }
        }
        buffer.flip();
    }

    private FileChannel channel() {
        FileChannel open = channel;
        if (open == null) {
            throw new IllegalStateException("not reading");
        }
        return open;
    }

    private byte u8() throws IOException {
        require(1);
        return buffer.get();
    }

    private short u16() throws IOException {
        require(2);
        return buffer.getShort();
    }

    private int u32() throws IOException {
        require(4);
        return buffer.getInt();
    }

    private long u64() throws IOException {
        require(8);
        return buffer.getLong();
    }

    /** Reads {@code length} bytes; callers have checked it against the remaining file size. */
    private byte[] bytes(int length) throws IOException {
        byte[] bytes = new byte[length];
        int done = 0;
        while (done < length) {
            require(1);
            int chunk = Math.min(buffer.remaining(), length - done);
            buffer.get(bytes, done, chunk);
            done += chunk;
        }
        return bytes;
    }

    private void skip(long length) throws IOException {
        if (length > remaining()) {
            throw new EOFException();
        }
        if (length <= buffer.remaining()) {
            buffer.position(buffer.position() + (int) length);
            return;
        }
        bufferStart = position() + length;
        buffer.clear().limit(0);
    }
}
