package io.github.scsiemu.sense;

/**
 * The SENSE KEY field of sense data: the generic category of a condition (SPC-4 4.5.6, table 27).
 */
public enum SenseKey {
    NO_SENSE(0x0),
    RECOVERED_ERROR(0x1),
    NOT_READY(0x2),
    MEDIUM_ERROR(0x3),
    HARDWARE_ERROR(0x4),
    ILLEGAL_REQUEST(0x5),
    UNIT_ATTENTION(0x6),
    DATA_PROTECT(0x7),
    BLANK_CHECK(0x8),
    VENDOR_SPECIFIC(0x9),
    COPY_ABORTED(0xA),
    ABORTED_COMMAND(0xB),
    /** Code 0Ch, obsolete since SPC-3 (was EQUAL). */
    RESERVED_0C(0xC),
    VOLUME_OVERFLOW(0xD),
    MISCOMPARE(0xE),
    COMPLETED(0xF);

    private static final SenseKey[] BY_CODE = values();

    private final int code;

    SenseKey(int code) {
        this.code = code;
    }

    /** The four-bit code carried on the wire. */
    public int code() {
        return code;
    }

    /**
     * Returns the sense key with the given code.
     *
     * @param code the four-bit code; only the low four bits are used
     */
    public static SenseKey fromCode(int code) {
        return BY_CODE[code & 0x0F];
    }

    /** The standard's name, such as {@code ILLEGAL REQUEST}. */
    public String standardName() {
        return this == RESERVED_0C ? "Reserved (0Ch)" : name().replace('_', ' ');
    }
}
