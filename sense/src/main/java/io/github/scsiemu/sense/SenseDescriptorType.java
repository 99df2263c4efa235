package io.github.scsiemu.sense;

/**
 * The DESCRIPTOR TYPE codes of descriptor format sense data that this library encodes and decodes (SPC-4 4.5.2.1,
 * table 27). Other types (ATA status return, OSD, progress indication, ...) are skipped when decoding.
 */
public enum SenseDescriptorType {
    /** 00h, information descriptor (SPC-4 4.5.2.2). */
    INFORMATION(0x00, 0x0A),
    /** 01h, command-specific information descriptor (SPC-4 4.5.2.3). */
    COMMAND_SPECIFIC_INFORMATION(0x01, 0x0A),
    /** 02h, sense key specific sense data descriptor (SPC-4 4.5.2.4). */
    SENSE_KEY_SPECIFIC(0x02, 0x06),
    /** 03h, field replaceable unit sense data descriptor (SPC-4 4.5.2.5). */
    FIELD_REPLACEABLE_UNIT(0x03, 0x02),
    /** 04h, stream commands sense data descriptor: FILEMARK, EOM and ILI (SPC-4 4.5.2.6, SSC-4). */
    STREAM_COMMANDS(0x04, 0x02),
    /** 05h, block commands sense data descriptor: ILI (SPC-4 4.5.2.7, SBC-3). */
    BLOCK_COMMANDS(0x05, 0x02);

    private final int code;
    private final int additionalLength;

    SenseDescriptorType(int code, int additionalLength) {
        this.code = code;
        this.additionalLength = additionalLength;
    }

    /** The DESCRIPTOR TYPE byte. */
    public int code() {
        return code;
    }

    /** The ADDITIONAL LENGTH the standard defines for this descriptor. */
    public int additionalLength() {
        return additionalLength;
    }

    /**
     * The descriptor type with the given code.
     *
     * @param code the DESCRIPTOR TYPE byte
     * @return the type, or {@code null} for a type this library does not model
     */
    public static SenseDescriptorType fromCode(int code) {
        for (SenseDescriptorType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
