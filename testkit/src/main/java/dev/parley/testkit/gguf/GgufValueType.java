package dev.parley.testkit.gguf;

/** The type tag of a GGUF metadata value, with the code the file stores for it. */
public enum GgufValueType {
    UINT8(0),
    INT8(1),
    UINT16(2),
    INT16(3),
    UINT32(4),
    INT32(5),
    FLOAT32(6),
    BOOL(7),
    STRING(8),
    ARRAY(9),
    UINT64(10),
    INT64(11),
    FLOAT64(12);

    private final int code;

    GgufValueType(int code) {
        this.code = code;
    }

    /** The u32 the file stores for this type. */
    public int code() {
        return code;
    }
}
