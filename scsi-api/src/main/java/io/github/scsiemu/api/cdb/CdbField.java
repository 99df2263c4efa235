package io.github.scsiemu.api.cdb;

import java.util.Objects;

/**
 * One named field of a CDB: where it sits (its most significant bit, as SPC-4 field pointers address fields) and
 * how many bits it spans, big-endian across bytes (SPC-4 4.2). Bits of a CDB that belong to no declared field
 * are reserved, and a command that sets one is rejected with a field pointer to that bit.
 *
 * @param name       the standard's name of the field, e.g. {@code LOGICAL BLOCK ADDRESS}
 * @param byteOffset the byte holding the field's most significant bit
 * @param msbBit     the bit (7-0) of the field's most significant bit within that byte
 * @param bitLength  the width in bits, 1-64
 * @param role       what the shared engine uses this field for, if anything
 */
public record CdbField(String name, int byteOffset, int msbBit, int bitLength, Role role) {

    /** The fields the shared engine interprets itself. */
    public enum Role {
        /** The engine does not interpret this field; handlers do. */
        OTHER,
        /** LOGICAL BLOCK ADDRESS. */
        LOGICAL_BLOCK_ADDRESS,
        /** TRANSFER LENGTH (blocks or bytes, as the command defines). */
        TRANSFER_LENGTH,
        /** ALLOCATION LENGTH: the engine truncates data-in to it (SPC-4 4.2.5.6). */
        ALLOCATION_LENGTH,
        /** PARAMETER LIST LENGTH: the length of the data-out the command needs (SPC-4 4.2.5.5). */
        PARAMETER_LIST_LENGTH,
        /** SERVICE ACTION: selects the declaration together with the operation code. */
        SERVICE_ACTION
    }

    public CdbField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (byteOffset < 0 || msbBit < 0 || msbBit > 7 || bitLength < 1 || bitLength > 64) {
            throw new IllegalArgumentException("bad field geometry for " + name);
        }
    }

    /** A field of whole bytes. */
    public static CdbField bytes(String name, int byteOffset, int byteCount) {
        return new CdbField(name, byteOffset, 7, byteCount * 8, Role.OTHER);
    }

    /** A field of {@code bitLength} bits whose most significant bit is {@code msbBit} of {@code byteOffset}. */
    public static CdbField bits(String name, int byteOffset, int msbBit, int bitLength) {
        return new CdbField(name, byteOffset, msbBit, bitLength, Role.OTHER);
    }

    /** A one-bit flag. */
    public static CdbField bit(String name, int byteOffset, int bit) {
        return new CdbField(name, byteOffset, bit, 1, Role.OTHER);
    }

    /** This field with the given role. */
    public CdbField as(Role newRole) {
        return new CdbField(name, byteOffset, msbBit, bitLength, newRole);
    }

    /** The offset of the byte holding the field's least significant bit. */
    public int lastByte() {
        int bitsAfterFirstByte = bitLength - (msbBit + 1);
        return bitsAfterFirstByte <= 0 ? byteOffset : byteOffset + (bitsAfterFirstByte + 7) / 8;
    }

    /** The bits this field occupies within byte {@code index} of the CDB, as a mask. */
    public int maskOf(int index) {
        if (index < byteOffset || index > lastByte()) {
            return 0;
        }
        // Bit positions counted from the field's MSB: absolute bit number = index*8 + (7 - bit)
        long firstAbs = (long) byteOffset * 8 + (7 - msbBit);
        long lastAbs = firstAbs + bitLength - 1;
        int mask = 0;
        for (int bit = 7; bit >= 0; bit--) {
            long abs = (long) index * 8 + (7 - bit);
            if (abs >= firstAbs && abs <= lastAbs) {
                mask |= 1 << bit;
            }
        }
        return mask;
    }

    /** Reads the field's unsigned value (a 64-bit field is returned as its two's-complement bits). */
    public long read(byte[] cdb) {
        long firstAbs = (long) byteOffset * 8 + (7 - msbBit);
        long value = 0;
        int last = lastByte();
        for (int i = byteOffset; i <= last; i++) {
            value = (value << 8) | (cdb[i] & 0xFF);
        }
        int lsbShift = (int) ((long) (last + 1) * 8 - (firstAbs + bitLength));
        value >>>= lsbShift;
        return bitLength == 64 ? value : value & ((1L << bitLength) - 1);
    }

    /** Writes {@code value} into the field of {@code cdb}, leaving other bits alone. */
    public void write(byte[] cdb, long value) {
        int last = lastByte();
        long firstAbs = (long) byteOffset * 8 + (7 - msbBit);
        int lsbShift = (int) ((long) (last + 1) * 8 - (firstAbs + bitLength));
        long v = bitLength == 64 ? value : value & ((1L << bitLength) - 1);
        for (int i = last; i >= byteOffset; i--) {
            int mask = maskOf(i);
            int shift = (last - i) * 8 - lsbShift;
            int bits = (int) (shift >= 0 ? (shift >= 64 ? 0 : v >>> shift) : v << -shift) & mask;
            cdb[i] = (byte) ((cdb[i] & ~mask) | bits);
        }
    }
}
