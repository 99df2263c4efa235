package io.github.scsiemu.iscsi.pdu;

import io.github.scsiemu.api.Lun;
import java.nio.ByteBuffer;

/**
 * The Basic Header Segment of a PDU (RFC 7143 11.2.1): 48 bytes, big-endian fields at fixed offsets. Byte 0 holds
 * the I bit and the opcode, byte 1 the F bit and opcode-specific flags, byte 4 TotalAHSLength (in four-byte words),
 * bytes 5-7 DataSegmentLength, bytes 8-15 the LUN or opcode-specific fields, bytes 16-19 the Initiator Task Tag.
 *
 * <p>A mutable view used to read and build headers, including deliberately malformed ones.
 */
public final class Bhs {
    /** The size of a BHS in bytes. */
    public static final int LENGTH = 48;
    /** The I bit in byte 0: an immediate PDU. */
    public static final int IMMEDIATE = 0x40;
    /** The F bit in byte 1: final PDU. */
    public static final int FINAL = 0x80;

    private final ByteBuffer b;

    private Bhs(ByteBuffer b) {
        this.b = b;
    }

    /** A zeroed header with the given opcode and I bit. */
    public static Bhs create(Opcode opcode, boolean immediate) {
        Bhs h = new Bhs(ByteBuffer.allocate(LENGTH));
        h.u8(0, opcode.code() | (immediate ? IMMEDIATE : 0));
        return h;
    }

    /** A view of the 48 bytes from the buffer's position (which must have at least 48 remaining). */
    public static Bhs wrap(ByteBuffer header) {
        return new Bhs(header.slice(header.position(), LENGTH));
    }

    /** The six-bit opcode. */
    public int opcodeCode() {
        return u8(0) & 0x3F;
    }

    /** The I bit. */
    public boolean immediate() {
        return (u8(0) & IMMEDIATE) != 0;
    }

    /** The flags byte (byte 1). */
    public int flags() {
        return u8(1);
    }

    /** Whether {@code mask} is set in the flags byte. */
    public boolean flag(int mask) {
        return (u8(1) & mask) != 0;
    }

    /** TotalAHSLength in bytes (the field counts four-byte words). */
    public int totalAhsLength() {
        return u8(4) * 4;
    }

    /** DataSegmentLength in bytes, without padding. */
    public int dataSegmentLength() {
        return u8(5) << 16 | u8(6) << 8 | u8(7);
    }

    /** Sets TotalAHSLength from a byte count (a multiple of four, at most 1020). */
    public Bhs totalAhsLength(int bytes) {
        if (bytes % 4 != 0 || bytes > 255 * 4 || bytes < 0) {
            throw new IllegalArgumentException("AHS length must be a multiple of 4 up to 1020: " + bytes);
        }
        return u8(4, bytes / 4);
    }

    /** Sets DataSegmentLength (at most 2^24 - 1). */
    public Bhs dataSegmentLength(int bytes) {
        if (bytes < 0 || bytes > 0xFFFFFF) {
            throw new IllegalArgumentException("data segment length must fit 24 bits: " + bytes);
        }
        return u8(5, bytes >>> 16).u8(6, bytes >>> 8).u8(7, bytes);
    }

    /** The unsigned byte at {@code offset}. */
    public int u8(int offset) {
        return b.get(offset) & 0xFF;
    }

    /** The unsigned 16-bit field at {@code offset}. */
    public int u16(int offset) {
        return b.getShort(offset) & 0xFFFF;
    }

    /** The 32-bit field at {@code offset}. */
    public int i32(int offset) {
        return b.getInt(offset);
    }

    /** The 48-bit field at {@code offset} (the ISID). */
    public long u48(int offset) {
        return ((long) u16(offset)) << 32 | (i32(offset + 2) & 0xFFFF_FFFFL);
    }

    /** The LUN in bytes 8-15. */
    public Lun lun() {
        return new Lun(b.getLong(8));
    }

    /** Sets a byte. */
    public Bhs u8(int offset, int value) {
        b.put(offset, (byte) value);
        return this;
    }

    /** Sets a 16-bit field. */
    public Bhs u16(int offset, int value) {
        b.putShort(offset, (short) value);
        return this;
    }

    /** Sets a 32-bit field. */
    public Bhs i32(int offset, int value) {
        b.putInt(offset, value);
        return this;
    }

    /** Sets a 48-bit field. */
    public Bhs u48(int offset, long value) {
        u16(offset, (int) (value >>> 32));
        return i32(offset + 2, (int) value);
    }

    /** Sets the LUN in bytes 8-15. */
    public Bhs lun(Lun lun) {
        b.putLong(8, lun.value());
        return this;
    }

    /** The 48 header bytes (a read-only view). */
    public ByteBuffer bytes() {
        return b.duplicate().clear().asReadOnlyBuffer();
    }
}
