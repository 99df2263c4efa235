package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.sbc.Provisioning;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import java.nio.ByteBuffer;

/**
 * The processing shared by WRITE SAME (10) and (16) (SBC-4 5.49, 5.50, and 4.7.3.4 for unmap requests).
 *
 * <p>Checks, in order; the first failure ends the command with ILLEGAL REQUEST:
 * <ol>
 * <li>WRPROTECT not zero: INVALID FIELD IN CDB (no protection information).</li>
 * <li>UNMAP set on a fully provisioned disk (LBPWS = 0): INVALID FIELD IN CDB at UNMAP.</li>
 * <li>ANCHOR set without UNMAP, or on a fully provisioned disk (ANC_SUP = 0): INVALID FIELD IN CDB at ANCHOR.</li>
 * <li>NUMBER OF LOGICAL BLOCKS above a non-zero MAXIMUM WRITE SAME LENGTH: INVALID FIELD IN CDB at the field.</li>
 * <li>The range outside the medium: LOGICAL BLOCK ADDRESS OUT OF RANGE. NUMBER OF LOGICAL BLOCKS zero means every
 * block from the LBA to the end of the medium (WSNZ = 0 in the Block Limits page); that count is held to the
 * MAXIMUM WRITE SAME LENGTH too.</li>
 * <li>Without NDOB, a data-out buffer of other than exactly one logical block: INVALID FIELD IN COMMAND
 * INFORMATION UNIT (0Eh/03h), and nothing is written (libiscsi's WriteSame InvalidDataOutSize).</li>
 * </ol>
 *
 * <p>Processing holds an exclusive lock on the range. With UNMAP set (thin disks only) the device server performs
 * an unmap operation on every LBA of the range, whatever the data-out block holds: the range is deallocated, or
 * anchored with ANCHOR set, in one call on the store (SBC-4 5.50, table "ANCHOR bit, UNMAP bit and ANC_SUP bit
 * relationships": UNMAP one, ANCHOR zero is "unmap", and a thin provisioned logical unit should deallocate each LBA).
 * Reads then return the provisioning initialization pattern (zeros, LBPRZ = 1), as LIO, scsi_debug and
 * libiscsi's WriteSame UnmapUntilEnd expect. Otherwise the block is written to every LBA of the range
 * by {@link Medium#writeSame}, through one bounded buffer, reused, so a huge range never allocates memory in
 * proportion to its size; with the write cache disabled the range is made durable once, at the end.
 */
final class WriteSame {

    private final Disk disk;
    private final CdbField wrprotect;
    private final CdbField anchor;
    private final CdbField unmap;
    private final CdbField ndob;
    private final CdbField numberOfLogicalBlocks;

    /**
     * @param ndob the NDOB field, or null for WRITE SAME (10), which has none
     */
    WriteSame(Disk disk, CdbField wrprotect, CdbField anchor, CdbField unmap, CdbField ndob,
            CdbField numberOfLogicalBlocks) {
        this.disk = disk;
        this.wrprotect = wrprotect;
        this.anchor = anchor;
        this.unmap = unmap;
        this.ndob = ndob;
        this.numberOfLogicalBlocks = numberOfLogicalBlocks;
    }

    CommandResult execute(CommandContext context) {
        Cdb cdb = context.cdb();
        Medium medium = disk.medium();
        boolean noDataOut = ndob != null && cdb.flag(ndob);
        context.dataOutNeeded(noDataOut ? 0 : medium.blockSize());
        boolean thin = disk.config().provisioning() == Provisioning.THIN;
        if (cdb.get(wrprotect) != 0) {
            throw CheckConditionException.invalidField(wrprotect);
        }
        boolean deallocate = cdb.flag(unmap);
        if (deallocate && !thin) {
            throw CheckConditionException.invalidField(unmap);
        }
        boolean anchored = cdb.flag(anchor);
        if (anchored && (!deallocate || !thin)) {
            throw CheckConditionException.invalidField(anchor);
        }
        long lba = cdb.logicalBlockAddress();
        long blocks = range(cdb, medium, lba);
        ByteBuffer block = noDataOut ? ByteBuffer.allocate(medium.blockSize()) : dataOutBlock(context, medium);
        if (blocks == 0) {
            return CommandResult.good();
        }
        try (Medium.Lock lock = medium.lockExclusive(lba, blocks)) {
            if (deallocate) {
                if (anchored) {
                    medium.anchor(lba, blocks);
                } else {
                    medium.deallocate(lba, blocks);
                }
            } else {
                medium.writeSame(lba, blocks, block, false);
            }
        }
        return CommandResult.good();
    }

    /** The number of blocks the command covers, checked against the limit and the medium. */
    private long range(Cdb cdb, Medium medium, long lba) {
        long requested = cdb.get(numberOfLogicalBlocks);
        long maximum = disk.config().limits().maximumWriteSameLength();
        if (maximum != 0 && requested > maximum) {
            throw CheckConditionException.invalidField(numberOfLogicalBlocks);
        }
        if (requested != 0) {
            medium.checkRange(lba, requested);
            return requested;
        }
        medium.checkRange(lba, 0);
        long toEnd = medium.capacity() - lba;
        if (maximum != 0 && toEnd > maximum) {
            throw CheckConditionException.invalidField(numberOfLogicalBlocks);
        }
        return toEnd;
    }

    /** The one logical block of the data-out buffer. */
    private static ByteBuffer dataOutBlock(CommandContext context, Medium medium) {
        ByteBuffer data = context.dataOut();
        if (data.remaining() != medium.blockSize()) {
            throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST,
                    AdditionalSense.INVALID_FIELD_IN_COMMAND_INFORMATION_UNIT);
        }
        return data.slice();
    }
}
