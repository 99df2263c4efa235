package io.github.scsiemu.conformance.scsi;

/** Big-endian field access for parameter data (SPC-4 3.5: multi-byte fields are big-endian). */
public final class Bytes {

    private Bytes() {
    }

    /**
     * The unsigned byte at {@code offset}, or 0 past the end (a truncated field reads as zero).
     *
     * @param data   the data
     * @param offset the offset
     * @return 0-255
     */
    public static int u8(byte[] data, int offset) {
        return offset < data.length ? data[offset] & 0xFF : 0;
    }

    /**
     * The unsigned two-byte field at {@code offset}.
     *
     * @param data   the data
     * @param offset the offset
     * @return 0-65535
     */
    public static int u16(byte[] data, int offset) {
        return (u8(data, offset) << 8) | u8(data, offset + 1);
    }

    /**
     * The unsigned four-byte field at {@code offset}.
     *
     * @param data   the data
     * @param offset the offset
     * @return 0-FFFFFFFFh
     */
    public static long u32(byte[] data, int offset) {
        return ((long) u16(data, offset) << 16) | u16(data, offset + 2);
    }

    /**
     * Writes a big-endian field.
     *
     * @param data   the buffer
     * @param offset the offset of the most significant byte
     * @param size   the field size in bytes
     * @param value  the value
     */
    public static void put(byte[] data, int offset, int size, long value) {
        for (int i = size - 1; i >= 0; i--) {
            data[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    /**
     * Whether {@code prefix} equals the first bytes of {@code whole}.
     *
     * @param prefix the shorter array
     * @param whole  the longer array
     * @return true if it is a prefix
     */
    public static boolean isPrefix(byte[] prefix, byte[] whole) {
        if (prefix.length > whole.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (prefix[i] != whole[i]) {
                return false;
            }
        }
        return true;
    }
}
