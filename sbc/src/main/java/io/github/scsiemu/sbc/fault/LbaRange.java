package io.github.scsiemu.sbc.fault;

import java.util.OptionalLong;

/**
 * A run of logical blocks (SBC-4 4.5) a fault applies to: {@code blocks} blocks starting at {@code firstLba}.
 *
 * @param firstLba the first logical block address, not negative
 * @param blocks   the number of blocks, at least one
 */
public record LbaRange(long firstLba, long blocks) {

    public LbaRange {
        if (firstLba < 0 || blocks < 1 || blocks > Long.MAX_VALUE - firstLba) {
            throw new IllegalArgumentException("invalid LBA range " + firstLba + "+" + blocks);
        }
    }

    /** The range of the single block {@code lba}. */
    public static LbaRange of(long lba) {
        return new LbaRange(lba, 1);
    }

    /**
     * The lowest LBA that the transfer of {@code transferBlocks} blocks starting at {@code lba} shares with this
     * range, or empty if they do not overlap.
     */
    public OptionalLong firstOverlap(long lba, long transferBlocks) {
        if (transferBlocks <= 0 || lba < 0) {
            return OptionalLong.empty();
        }
        long transferEnd = transferBlocks > Long.MAX_VALUE - lba ? Long.MAX_VALUE : lba + transferBlocks;
        long start = Math.max(lba, firstLba);
        long end = Math.min(transferEnd, firstLba + blocks);
        return start < end ? OptionalLong.of(start) : OptionalLong.empty();
    }
}
