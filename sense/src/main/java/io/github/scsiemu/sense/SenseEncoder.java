package io.github.scsiemu.sense;

import java.io.ByteArrayOutputStream;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Encodes {@link SenseData} as fixed format (SPC-4 4.5.3) or descriptor format (SPC-4 4.5.2) sense data.
 *
 * <p><b>Fixed format</b> is always 18 bytes: response code 70h (current) or 71h (deferred), ADDITIONAL SENSE LENGTH
 * 0Ah. The INFORMATION and COMMAND-SPECIFIC INFORMATION fields are four bytes there. An information value that does
 * not fit in 32 bits (unsigned) cannot be represented: as SPC-4 4.5.3 requires for an INFORMATION field that is not
 * valid, VALID is set to zero and the field to zero. A command-specific value that does not fit is likewise replaced
 * by zero, which is also how an absent value is encoded. Use {@link #fitsFixedFormat(SenseData)} to find out whether
 * the fixed format loses anything.
 *
 * <p><b>Descriptor format</b> is the eight-byte header (response code 72h or 73h) followed by, in ascending type
 * order and only when there is something to report: the information descriptor 00h (SPC-4 4.5.2.2, VALID set),
 * the command-specific information descriptor 01h (4.5.2.3), the sense key specific descriptor 02h (4.5.2.4), the
 * field replaceable unit descriptor 03h (4.5.2.5, when the code is non-zero), and for FILEMARK/EOM/ILI either the
 * stream commands descriptor 04h (SSC-4; used whenever FILEMARK or EOM is set, and then also carries ILI) or, for
 * ILI alone, the block commands descriptor 05h (SBC-3).
 */
public final class SenseEncoder {

    /** Length of fixed format sense data as this library produces it. */
    public static final int FIXED_LENGTH = 18;

    private SenseEncoder() {
    }

    /**
     * Encodes sense data.
     *
     * @param sense  the sense data
     * @param format the format to produce
     * @return a new array holding the encoded sense data
     */
    public static byte[] encode(SenseData sense, SenseFormat format) {
        Objects.requireNonNull(sense, "sense");
        return switch (Objects.requireNonNull(format, "format")) {
            case FIXED -> encodeFixed(sense);
            case DESCRIPTOR -> encodeDescriptor(sense);
        };
    }

    /**
     * Whether fixed format represents every field of the sense data, so that decoding gives back an equal value:
     * INFORMATION absent or within 32 bits, COMMAND-SPECIFIC INFORMATION absent or non-zero within 32 bits, and any
     * sense key specific value of the variant the sense key defines.
     *
     * @param sense the sense data
     * @return {@code true} if nothing is lost in fixed format
     */
    public static boolean fitsFixedFormat(SenseData sense) {
        return fitsDescriptorFormat(sense)
                && (sense.information().isEmpty() || fits32(sense.information().getAsLong()))
                && (sense.commandSpecificInformation().isEmpty()
                        || (sense.commandSpecificInformation().getAsLong() != 0
                                && fits32(sense.commandSpecificInformation().getAsLong())));
    }

    /**
     * Whether descriptor format represents every field, which holds unless a sense key specific value is of a
     * variant the decoder would read differently under the sense key (SPC-4 4.5.2.4.1).
     *
     * @param sense the sense data
     * @return {@code true} if nothing is lost in descriptor format
     */
    public static boolean fitsDescriptorFormat(SenseData sense) {
        return sense.senseKeySpecific().map(s -> s.isDefinedFor(sense.senseKey())).orElse(true);
    }

    private static boolean fits32(long value) {
        return value >>> 32 == 0;
    }

    private static byte[] encodeFixed(SenseData sense) {
        byte[] b = new byte[FIXED_LENGTH];
        b[0] = (byte) (sense.deferred() ? 0x71 : 0x70);
        OptionalLong info = sense.information();
        if (info.isPresent() && fits32(info.getAsLong())) {
            b[0] |= (byte) 0x80;
            putInt(b, 3, info.getAsLong());
        }
        b[2] = (byte) (flags(sense) | sense.senseKey().code());
        b[7] = (byte) (FIXED_LENGTH - 8);
        OptionalLong csi = sense.commandSpecificInformation();
        if (csi.isPresent() && fits32(csi.getAsLong())) {
            putInt(b, 8, csi.getAsLong());
        }
        b[12] = (byte) sense.additionalSense().asc();
        b[13] = (byte) sense.additionalSense().ascq();
        b[14] = (byte) sense.fieldReplaceableUnitCode();
        sense.senseKeySpecific().ifPresent(s -> put24(b, 15, SenseKeySpecificField.encode(s)));
        return b;
    }

    private static byte[] encodeDescriptor(SenseData sense) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(sense.deferred() ? 0x73 : 0x72);
        out.write(sense.senseKey().code());
        out.write(sense.additionalSense().asc());
        out.write(sense.additionalSense().ascq());
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(0); // ADDITIONAL SENSE LENGTH, patched below
        sense.information().ifPresent(v -> {
            byte[] d = descriptor(SenseDescriptorType.INFORMATION, 0x0A);
            d[2] = (byte) 0x80; // VALID
            putLong(d, 4, v);
            out.writeBytes(d);
        });
        sense.commandSpecificInformation().ifPresent(v -> {
            byte[] d = descriptor(SenseDescriptorType.COMMAND_SPECIFIC_INFORMATION, 0x0A);
            putLong(d, 4, v);
            out.writeBytes(d);
        });
        sense.senseKeySpecific().ifPresent(s -> {
            byte[] d = descriptor(SenseDescriptorType.SENSE_KEY_SPECIFIC, 0x06);
            put24(d, 4, SenseKeySpecificField.encode(s));
            out.writeBytes(d);
        });
        if (sense.fieldReplaceableUnitCode() != 0) {
            byte[] d = descriptor(SenseDescriptorType.FIELD_REPLACEABLE_UNIT, 0x02);
            d[3] = (byte) sense.fieldReplaceableUnitCode();
            out.writeBytes(d);
        }
        if (sense.filemark() || sense.endOfMedium()) {
            byte[] d = descriptor(SenseDescriptorType.STREAM_COMMANDS, 0x02);
            d[3] = (byte) flags(sense);
            out.writeBytes(d);
        } else if (sense.incorrectLength()) {
            byte[] d = descriptor(SenseDescriptorType.BLOCK_COMMANDS, 0x02);
            d[3] = (byte) flags(sense);
            out.writeBytes(d);
        }
        byte[] b = out.toByteArray();
        b[7] = (byte) (b.length - 8);
        return b;
    }

    /** FILEMARK, EOM and ILI at bits 7, 6 and 5, as in fixed byte 2 and in the 04h/05h descriptors' byte 3. */
    private static int flags(SenseData sense) {
        return (sense.filemark() ? 0x80 : 0) | (sense.endOfMedium() ? 0x40 : 0) | (sense.incorrectLength() ? 0x20 : 0);
    }

    private static byte[] descriptor(SenseDescriptorType type, int additionalLength) {
        byte[] d = new byte[2 + additionalLength];
        d[0] = (byte) type.code();
        d[1] = (byte) additionalLength;
        return d;
    }

    private static void putInt(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (24 - 8 * i));
        }
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    private static void put24(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 16);
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) v;
    }
}
