package io.github.scsiemu.conformance.catalog;

/**
 * One bit of a CDB, addressed as a field pointer addresses it (SPC-4 4.5.2.4.2): byte offset and bit number.
 *
 * @param byteOffset the byte, 0 for the operation code
 * @param bit        the bit, 7 (most significant) to 0
 */
public record CdbBit(int byteOffset, int bit) {
    public CdbBit {
        if (byteOffset < 0 || bit < 0 || bit > 7) {
            throw new IllegalArgumentException("no such CDB bit: byte " + byteOffset + " bit " + bit);
        }
    }

    @Override
    public String toString() {
        return "byte " + byteOffset + " bit " + bit;
    }
}
