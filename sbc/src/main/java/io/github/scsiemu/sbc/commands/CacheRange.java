package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;

/**
 * The range of logical blocks a PRE-FETCH or SYNCHRONIZE CACHE command names (SBC-4 5.10, 5.11, 5.32, 5.33): the
 * LOGICAL BLOCK ADDRESS and a number of blocks where zero means every block from that address to the last one.
 *
 * @param lba    the first logical block
 * @param blocks the number of blocks
 */
record CacheRange(long lba, long blocks) {

    /**
     * The range of a CDB, checked against the current capacity: LOGICAL BLOCK ADDRESS OUT OF RANGE if any block of
     * it does not exist, including an LBA past the last one with a length of zero.
     *
     * @param cdb    the CDB
     * @param medium the medium
     * @param length the length field (PREFETCH LENGTH or NUMBER OF LOGICAL BLOCKS)
     */
    static CacheRange of(Cdb cdb, Medium medium, CdbField length) {
        long lba = cdb.logicalBlockAddress();
        long blocks = cdb.get(length);
        long capacity = medium.capacity();
        if (blocks == 0) {
            if (Long.compareUnsigned(lba, capacity) >= 0) {
                throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST,
                        AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE);
            }
            return new CacheRange(lba, capacity - lba);
        }
        medium.checkRange(lba, blocks);
        return new CacheRange(lba, blocks);
    }
}
