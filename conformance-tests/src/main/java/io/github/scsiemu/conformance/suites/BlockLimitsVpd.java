package io.github.scsiemu.conformance.suites;

import io.github.scsiemu.conformance.scsi.Bytes;

/**
 * The limits a direct-access logical unit reports in its Block Limits VPD page (B0h, SBC-4 6.6.4), in logical
 * blocks; zero means "not reported" (no limit) except where SBC-4 gives zero another meaning (MAXIMUM COMPARE AND
 * WRITE LENGTH and MAXIMUM ATOMIC TRANSFER LENGTH zero: the command is not supported).
 *
 * @param maximumCompareAndWriteLength     MAXIMUM COMPARE AND WRITE LENGTH (byte 5)
 * @param maximumTransferLength            MAXIMUM TRANSFER LENGTH (bytes 8-11)
 * @param maximumUnmapLbaCount             MAXIMUM UNMAP LBA COUNT (bytes 20-23)
 * @param maximumUnmapBlockDescriptorCount MAXIMUM UNMAP BLOCK DESCRIPTOR COUNT (bytes 24-27)
 * @param optimalUnmapGranularity          OPTIMAL UNMAP GRANULARITY (bytes 28-31)
 * @param unmapGranularityAlignment        UNMAP GRANULARITY ALIGNMENT (bytes 32-35, when UGAVALID is one), else 0
 * @param maximumWriteSameLength           MAXIMUM WRITE SAME LENGTH (bytes 36-43)
 * @param maximumAtomicTransferLength      MAXIMUM ATOMIC TRANSFER LENGTH (bytes 44-47)
 * @param atomicAlignment                  ATOMIC ALIGNMENT (bytes 48-51)
 * @param atomicTransferLengthGranularity  ATOMIC TRANSFER LENGTH GRANULARITY (bytes 52-55)
 */
record BlockLimitsVpd(int maximumCompareAndWriteLength, long maximumTransferLength, long maximumUnmapLbaCount,
        long maximumUnmapBlockDescriptorCount, long optimalUnmapGranularity, long unmapGranularityAlignment,
        long maximumWriteSameLength, long maximumAtomicTransferLength, long atomicAlignment,
        long atomicTransferLengthGranularity) {

    /** The page code. */
    static final int PAGE_CODE = 0xB0;

    /** What a logical unit without the page is assumed to allow: no limits, COMPARE AND WRITE of one block. */
    static final BlockLimitsVpd NONE = new BlockLimitsVpd(1, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Reads the page; fields past the end of a short page read as zero.
     *
     * @param page the page, from its header on
     * @return the limits
     */
    static BlockLimitsVpd decode(byte[] page) {
        long alignment = Bytes.u32(page, 32);
        long maximumWriteSame = (Bytes.u32(page, 36) << 32) | Bytes.u32(page, 40);
        return new BlockLimitsVpd(Bytes.u8(page, 5), Bytes.u32(page, 8), Bytes.u32(page, 20), Bytes.u32(page, 24),
                Bytes.u32(page, 28), (alignment & 0x8000_0000L) != 0 ? alignment & 0x7FFF_FFFFL : 0,
                maximumWriteSame, Bytes.u32(page, 44), Bytes.u32(page, 48), Bytes.u32(page, 52));
    }
}
