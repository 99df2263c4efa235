package io.github.scsiemu.sense;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decodes fixed format (SPC-4 4.5.3) and descriptor format (SPC-4 4.5.2) sense data into {@link SenseData}.
 * Decoding never throws for any input: bytes it cannot read come back as {@link DecodedSense.Malformed}.
 *
 * <p>The bytes examined are the lesser of the buffer and what ADDITIONAL SENSE LENGTH announces (header plus that
 * many bytes), so data truncated by an allocation length still decodes; fields that are not present read as absent:
 * <ul>
 *   <li>Fixed format (70h/71h) needs at least the eight-byte header (response code, sense key, INFORMATION, length).
 *       Without bytes 12-13 the additional sense reads 00h/00h; without bytes 15-17 there is no sense key specific
 *       field; without bytes 8-11 no command-specific information. INFORMATION counts only when VALID is one;
 *       COMMAND-SPECIFIC INFORMATION of zero reads as absent, and a FIELD REPLACEABLE UNIT CODE of zero as none.</li>
 *   <li>Descriptor format (72h/73h) needs at least bytes 0-3 (response code, sense key, ASC, ASCQ). Descriptors are
 *       read in order; a descriptor that runs past the end of the examined bytes ends the list (it was truncated)
 *       and is ignored. A recognised descriptor whose ADDITIONAL LENGTH is shorter than the standard's makes the
 *       whole sense data malformed. When a type occurs more than once the first wins. Unrecognised types are
 *       skipped. FILEMARK, EOM and ILI come from the stream commands descriptor 04h; ILI also from the block
 *       commands descriptor 05h. An information descriptor with VALID zero reads as no information.</li>
 *   <li>Any other response code (including 7Fh, vendor specific) is malformed.</li>
 * </ul>
 * Reserved bits are ignored everywhere.
 */
public final class SenseDecoder {

    private static final int FIXED_HEADER = 8;

    private SenseDecoder() {
    }

    /**
     * Decodes a whole array.
     *
     * @param bytes the sense data; {@code null} is malformed
     * @return the decoded sense data or why it is malformed
     */
    public static DecodedSense decode(byte[] bytes) {
        return bytes == null ? new DecodedSense.Malformed("no sense data (null)") : decode(bytes, 0, bytes.length);
    }

    /**
     * Decodes part of an array.
     *
     * @param bytes  the buffer
     * @param offset where the sense data start
     * @param length how many bytes are available
     * @return the decoded sense data or why it is malformed (also for an offset or length outside the buffer)
     */
    public static DecodedSense decode(byte[] bytes, int offset, int length) {
        if (bytes == null) {
            return new DecodedSense.Malformed("no sense data (null)");
        }
        if (offset < 0 || length < 0 || offset > bytes.length || length > bytes.length - offset) {
            return new DecodedSense.Malformed(String.format(Locale.ROOT,
                    "offset %d and length %d outside a buffer of %d bytes", offset, length, bytes.length));
        }
        if (length == 0) {
            return new DecodedSense.Malformed("empty sense data");
        }
        Bytes b = new Bytes(bytes, offset, length);
        int responseCode = b.u8(0) & 0x7F;
        return switch (responseCode) {
            case 0x70, 0x71 -> decodeFixed(b, responseCode == 0x71);
            case 0x72, 0x73 -> decodeDescriptor(b, responseCode == 0x73);
            default -> new DecodedSense.Malformed(String.format(Locale.ROOT, "%s response code %02Xh",
                    responseCode == 0x7F ? "vendor specific" : "unsupported", responseCode));
        };
    }

    private static DecodedSense decodeFixed(Bytes all, boolean deferred) {
        if (all.length < FIXED_HEADER) {
            return new DecodedSense.Malformed(String.format(Locale.ROOT,
                    "fixed format sense data of %d bytes, shorter than its 8-byte header", all.length));
        }
        Bytes b = all.truncate(FIXED_HEADER + all.u8(7));
        SenseKey key = SenseKey.fromCode(b.u8(2));
        int flags = b.u8(2);
        OptionalLong information = (b.u8(0) & 0x80) != 0 ? OptionalLong.of(b.u32(3)) : OptionalLong.empty();
        OptionalLong csi = b.has(8, 4) && b.u32(8) != 0 ? OptionalLong.of(b.u32(8)) : OptionalLong.empty();
        int asc = b.has(12, 1) ? b.u8(12) : 0;
        int ascq = b.has(13, 1) ? b.u8(13) : 0;
        int fru = b.has(14, 1) ? b.u8(14) : 0;
        Optional<SenseKeySpecific> sks = b.has(15, 3)
                ? SenseKeySpecificField.decode(key, b.u24(15)) : Optional.empty();
        SenseData data = new SenseData(key, new AdditionalSense(asc, ascq), deferred, information, csi, sks, fru,
                (flags & 0x80) != 0, (flags & 0x40) != 0, (flags & 0x20) != 0);
        return new DecodedSense.Valid(data, SenseFormat.FIXED);
    }

    private static DecodedSense decodeDescriptor(Bytes all, boolean deferred) {
        if (all.length < 4) {
            return new DecodedSense.Malformed(String.format(Locale.ROOT,
                    "descriptor format sense data of %d bytes, too short for sense key, ASC and ASCQ", all.length));
        }
        SenseKey key = SenseKey.fromCode(all.u8(1));
        AdditionalSense additional = new AdditionalSense(all.u8(2), all.u8(3));
        OptionalLong information = null;
        OptionalLong csi = null;
        Optional<SenseKeySpecific> sks = null;
        Integer fru = null;
        Integer streamFlags = null;
        Integer blockFlags = null;
        if (all.length >= FIXED_HEADER) {
            Bytes b = all.truncate(FIXED_HEADER + all.u8(7));
            int at = FIXED_HEADER;
            while (b.has(at, 2) && b.has(at, 2 + b.u8(at + 1))) {
                int code = b.u8(at);
                int additionalLength = b.u8(at + 1);
                SenseDescriptorType type = SenseDescriptorType.fromCode(code);
                if (type != null && additionalLength < type.additionalLength()) {
                    return new DecodedSense.Malformed(String.format(Locale.ROOT,
                            "descriptor %02Xh at byte %d has additional length %d, expected %d",
                            code, at, additionalLength, type.additionalLength()));
                }
                if (type != null) {
                    switch (type) {
                        case INFORMATION -> information = information != null ? information
                                : (b.u8(at + 2) & 0x80) != 0 ? OptionalLong.of(b.u64(at + 4)) : OptionalLong.empty();
                        case COMMAND_SPECIFIC_INFORMATION -> csi = csi != null ? csi : OptionalLong.of(b.u64(at + 4));
                        case SENSE_KEY_SPECIFIC -> sks = sks != null ? sks
                                : SenseKeySpecificField.decode(key, b.u24(at + 4));
                        case FIELD_REPLACEABLE_UNIT -> fru = fru != null ? fru : b.u8(at + 3);
                        case STREAM_COMMANDS -> streamFlags = streamFlags != null ? streamFlags : b.u8(at + 3);
                        case BLOCK_COMMANDS -> blockFlags = blockFlags != null ? blockFlags : b.u8(at + 3);
                    }
                }
                at += 2 + additionalLength;
            }
        }
        int stream = streamFlags == null ? 0 : streamFlags;
        int block = blockFlags == null ? 0 : blockFlags;
        SenseData data = new SenseData(key, additional, deferred,
                information == null ? OptionalLong.empty() : information,
                csi == null ? OptionalLong.empty() : csi,
                sks == null ? Optional.empty() : sks,
                fru == null ? 0 : fru,
                (stream & 0x80) != 0, (stream & 0x40) != 0, ((stream | block) & 0x20) != 0);
        return new DecodedSense.Valid(data, SenseFormat.DESCRIPTOR);
    }

    /** A bounds-aware big-endian view of part of an array. */
    private static final class Bytes {
        private final byte[] array;
        private final int offset;
        private final int length;

        Bytes(byte[] array, int offset, int length) {
            this.array = array;
            this.offset = offset;
            this.length = length;
        }

        Bytes truncate(int max) {
            return new Bytes(array, offset, Math.min(length, max));
        }

        boolean has(int at, int count) {
            return at >= 0 && count >= 0 && at <= length - count;
        }

        int u8(int at) {
            return array[offset + at] & 0xFF;
        }

        int u24(int at) {
            return u8(at) << 16 | u8(at + 1) << 8 | u8(at + 2);
        }

        long u32(int at) {
            return (long) u8(at) << 24 | u24(at + 1);
        }

        long u64(int at) {
            return u32(at) << 32 | u32(at + 4);
        }
    }
}
