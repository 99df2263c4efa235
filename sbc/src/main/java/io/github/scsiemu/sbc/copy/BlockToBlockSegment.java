package io.github.scsiemu.sbc.copy;

import java.nio.ByteBuffer;

/**
 * A block device to block device segment descriptor (type code 02h, SPC-4 6.4), 28 bytes: copy
 * NUMBER OF BLOCKS logical blocks from SOURCE LOGICAL BLOCK ADDRESS of one CSCD to DESTINATION LOGICAL BLOCK ADDRESS
 * of another (or the same).
 *
 * <p>Layout (offsets within the descriptor): byte 0 type code; byte 1 bit 1 DC (the NUMBER OF BLOCKS counts
 * destination blocks when one, source blocks when zero) and bit 0 CAT; bytes 2-3 DESCRIPTOR LENGTH (0018h); bytes
 * 4-5 SOURCE CSCD DESCRIPTOR ID; bytes 6-7 DESTINATION CSCD DESCRIPTOR ID; bytes 10-11 BLOCK DEVICE NUMBER OF BLOCKS;
 * bytes 12-19 SOURCE BLOCK DEVICE LOGICAL BLOCK ADDRESS; bytes 20-27 DESTINATION BLOCK DEVICE LOGICAL BLOCK ADDRESS.
 *
 * @param index                  the segment number: its position in the segment descriptor list, from zero
 * @param offset                 where the descriptor starts in the parameter list
 * @param destinationCount       the DC bit
 * @param cat                    the CAT bit
 * @param sourceIndex            the SOURCE CSCD DESCRIPTOR ID
 * @param destinationIndex       the DESTINATION CSCD DESCRIPTOR ID
 * @param numberOfBlocks         the BLOCK DEVICE NUMBER OF BLOCKS
 * @param sourceLba              the SOURCE BLOCK DEVICE LOGICAL BLOCK ADDRESS (unsigned)
 * @param destinationLba         the DESTINATION BLOCK DEVICE LOGICAL BLOCK ADDRESS (unsigned)
 */
public record BlockToBlockSegment(int index, int offset, boolean destinationCount, boolean cat, int sourceIndex,
        int destinationIndex, int numberOfBlocks, long sourceLba, long destinationLba) {

    /** The length of the descriptor. */
    public static final int LENGTH = 28;
    /** The value of its DESCRIPTOR LENGTH field. */
    public static final int DESCRIPTOR_LENGTH = 0x18;
    /** Field offsets within the descriptor, for segment pointers (SPC-4 4.5.2.4.5). */
    public static final int SOURCE_INDEX_FIELD = 4;
    public static final int DESTINATION_INDEX_FIELD = 6;
    public static final int NUMBER_OF_BLOCKS_FIELD = 10;
    public static final int SOURCE_LBA_FIELD = 12;
    public static final int DESTINATION_LBA_FIELD = 20;

    /** Reads the descriptor at {@code at}; its type and length fields have been checked. */
    static BlockToBlockSegment decode(byte[] list, int at, int index) {
        ByteBuffer b = ByteBuffer.wrap(list);
        return new BlockToBlockSegment(index, at, (list[at + 1] & 0x02) != 0, (list[at + 1] & 0x01) != 0,
                b.getShort(at + 4) & 0xFFFF, b.getShort(at + 6) & 0xFFFF, b.getShort(at + 10) & 0xFFFF,
                b.getLong(at + 12), b.getLong(at + 20));
    }
}
