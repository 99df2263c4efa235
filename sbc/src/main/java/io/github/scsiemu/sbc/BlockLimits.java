package io.github.scsiemu.sbc;

/**
 * The limits a disk advertises in the Block Limits VPD page (SBC-4 6.6.4) and enforces on the commands they
 * govern. Lengths are in logical blocks; 0 means "no limit reported" where the standard allows it.
 *
 * @param maximumTransferLength              MAXIMUM TRANSFER LENGTH: the largest READ/WRITE/VERIFY transfer
 * @param optimalTransferLength              OPTIMAL TRANSFER LENGTH
 * @param optimalTransferLengthGranularity   OPTIMAL TRANSFER LENGTH GRANULARITY
 * @param maximumCompareAndWriteLength       MAXIMUM COMPARE AND WRITE LENGTH, 0-255 (0: not supported)
 * @param maximumUnmapLbaCount               MAXIMUM UNMAP LBA COUNT
 * @param maximumUnmapBlockDescriptorCount   MAXIMUM UNMAP BLOCK DESCRIPTOR COUNT
 * @param optimalUnmapGranularity            OPTIMAL UNMAP GRANULARITY
 * @param unmapGranularityAlignment          UNMAP GRANULARITY ALIGNMENT (UGAVALID is set when it is non-zero)
 * @param maximumWriteSameLength             MAXIMUM WRITE SAME LENGTH
 * @param maximumAtomicTransferLength        MAXIMUM ATOMIC TRANSFER LENGTH (0: WRITE ATOMIC not supported)
 * @param atomicAlignment                    ATOMIC ALIGNMENT
 * @param atomicTransferLengthGranularity    ATOMIC TRANSFER LENGTH GRANULARITY
 */
public record BlockLimits(long maximumTransferLength, long optimalTransferLength,
        int optimalTransferLengthGranularity, int maximumCompareAndWriteLength, long maximumUnmapLbaCount,
        long maximumUnmapBlockDescriptorCount, long optimalUnmapGranularity, long unmapGranularityAlignment,
        long maximumWriteSameLength, long maximumAtomicTransferLength, long atomicAlignment,
        long atomicTransferLengthGranularity) {

    /**
     * What a disk advertises unless configured otherwise. MAXIMUM WRITE SAME LENGTH equals the MAXIMUM TRANSFER
     * LENGTH, so that an application client can read or rewrite with one READ or WRITE any range one WRITE SAME
     * may cover (libiscsi's WriteSame16.Unmap does).
     */
    public static final BlockLimits DEFAULT = new BlockLimits(65_535, 128, 1, 255, 1L << 20, 256, 1, 0,
            65_535, 2048, 1, 1);

    public BlockLimits {
        if (maximumTransferLength < 1 || maximumTransferLength > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("maximum transfer length out of range: " + maximumTransferLength);
        }
        if (maximumCompareAndWriteLength < 0 || maximumCompareAndWriteLength > 255) {
            throw new IllegalArgumentException("maximum compare and write length is one byte");
        }
        for (long v : new long[] {optimalTransferLength, maximumUnmapLbaCount, maximumUnmapBlockDescriptorCount,
            optimalUnmapGranularity, maximumAtomicTransferLength, atomicAlignment, atomicTransferLengthGranularity}) {
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("block limit fields are four bytes: " + v);
            }
        }
        if (unmapGranularityAlignment < 0 || unmapGranularityAlignment > 0x7FFF_FFFFL) {
            throw new IllegalArgumentException("unmap granularity alignment is 31 bits");
        }
        if (optimalTransferLengthGranularity < 0 || optimalTransferLengthGranularity > 0xFFFF) {
            throw new IllegalArgumentException("optimal transfer length granularity is two bytes");
        }
        if (maximumWriteSameLength < 0) {
            throw new IllegalArgumentException("maximum write same length must not be negative");
        }
    }

    /** These limits with another MAXIMUM TRANSFER LENGTH. */
    public BlockLimits withMaximumTransferLength(long blocks) {
        return new BlockLimits(blocks, optimalTransferLength, optimalTransferLengthGranularity,
                maximumCompareAndWriteLength, maximumUnmapLbaCount, maximumUnmapBlockDescriptorCount,
                optimalUnmapGranularity, unmapGranularityAlignment, maximumWriteSameLength,
                maximumAtomicTransferLength, atomicAlignment, atomicTransferLengthGranularity);
    }

    /** These limits with another MAXIMUM COMPARE AND WRITE LENGTH. */
    public BlockLimits withMaximumCompareAndWriteLength(int blocks) {
        return new BlockLimits(maximumTransferLength, optimalTransferLength, optimalTransferLengthGranularity,
                blocks, maximumUnmapLbaCount, maximumUnmapBlockDescriptorCount, optimalUnmapGranularity,
                unmapGranularityAlignment, maximumWriteSameLength, maximumAtomicTransferLength, atomicAlignment,
                atomicTransferLengthGranularity);
    }

    /** These limits with other unmap limits. */
    public BlockLimits withUnmapLimits(long maximumLbaCount, long maximumDescriptorCount) {
        return new BlockLimits(maximumTransferLength, optimalTransferLength, optimalTransferLengthGranularity,
                maximumCompareAndWriteLength, maximumLbaCount, maximumDescriptorCount, optimalUnmapGranularity,
                unmapGranularityAlignment, maximumWriteSameLength, maximumAtomicTransferLength, atomicAlignment,
                atomicTransferLengthGranularity);
    }
}
