package io.github.scsiemu.api;

/**
 * An eight-byte logical unit number (SAM-5 4.6.18). Only single-level LUNs are modelled: peripheral device
 * addressing (00b, LUNs 0-255), flat space addressing (01b, 0-16383) and well-known logical units (extended
 * addressing, C1h).
 *
 * @param value the eight bytes of the LUN, big-endian, as carried on the wire
 */
public record Lun(long value) {

    /** The REPORT LUNS well-known logical unit (SPC-4 8.2, C101h). */
    public static final Lun REPORT_LUNS_WELL_KNOWN = new Lun(0xC101_0000_0000_0000L);

    /** The address methods of the first level (SAM-5 4.6.19). */
    public enum AddressMethod {
        PERIPHERAL,
        FLAT_SPACE,
        LOGICAL_UNIT,
        EXTENDED
    }

    /**
     * The LUN a target assigns to logical unit {@code number}: peripheral addressing below 256, flat space
     * addressing from 256 to 16383 (the addressing Linux and libiscsi expect).
     */
    public static Lun of(int number) {
        if (number < 0 || number > 0x3FFF) {
            throw new IllegalArgumentException("single-level LUN must be 0-16383: " + number);
        }
        long first = number < 256 ? number : (0x4000 | number);
        return new Lun(first << 48);
    }

    /** The LUN in the eight bytes starting at {@code offset}. */
    public static Lun fromBytes(byte[] bytes, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bytes[offset + i] & 0xFF);
        }
        return new Lun(v);
    }

    /** The eight wire bytes. */
    public byte[] toBytes() {
        byte[] b = new byte[8];
        long v = value;
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    /** The address method of the first level. */
    public AddressMethod addressMethod() {
        return AddressMethod.values()[(int) (value >>> 62)];
    }

    /** Whether this names a well-known logical unit (extended addressing, type 1h). */
    public boolean isWellKnown() {
        return (value >>> 56) == 0xC1;
    }

    /** Whether this is a single-level LUN: bytes 2-7 are zero. */
    public boolean isSingleLevel() {
        return (value & 0x0000_FFFF_FFFF_FFFFL) == 0;
    }

    /**
     * The logical unit number this LUN addresses: the peripheral or flat-space number, or the well-known LUN
     * number; -1 for anything else (multi-level or other address methods).
     */
    public int number() {
        if (!isSingleLevel()) {
            return -1;
        }
        int first = (int) (value >>> 48);
        switch (addressMethod()) {
            case PERIPHERAL:
                return (first >>> 8) == 0 ? first & 0xFF : -1; // bus identifier must be 0
            case FLAT_SPACE:
                return first & 0x3FFF;
            case EXTENDED:
                return isWellKnown() ? first & 0xFF : -1;
            default:
                return -1;
        }
    }

    @Override
    public String toString() {
        return String.format("LUN %d (%016x)", number(), value);
    }
}
