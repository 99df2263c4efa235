package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import java.nio.ByteBuffer;

/**
 * COMPARE AND WRITE (SBC-4 5.3): compares NUMBER OF LOGICAL BLOCKS blocks starting at LOGICAL BLOCK ADDRESS with the
 * first half of the data-out buffer (the verify instance) and, only if every byte is equal, writes the second half
 * (the write instance) to them. The compare and the write are one atomic operation with respect to every other
 * command from every I_T nexus: the range is locked exclusively across both.
 *
 * <p>Checks, in order: WRPROTECT not zero (INVALID FIELD IN CDB); NUMBER OF LOGICAL BLOCKS above the MAXIMUM
 * COMPARE AND WRITE LENGTH of the Block Limits (INVALID FIELD IN CDB at that field); blocks outside the medium
 * (LOGICAL BLOCK ADDRESS OUT OF RANGE). The data-out buffer must be exactly the two instances (2 &times; NUMBER
 * OF LOGICAL BLOCKS blocks): the boundary between the compare and the write instance is fixed by that count alone, so
 * a buffer of any other length (shorter, longer, or any data at all with a count of zero, as when an application
 * client's count of 256 wraps to 0 in the one-byte field) means the count does not describe the data. The command
 * then ends with ILLEGAL REQUEST, INVALID FIELD IN CDB pointing at NUMBER OF LOGICAL BLOCKS (byte 13, bit 7) and
 * changes nothing; that is also the answer libiscsi's CompareAndWrite tests expect for the wrapped count. NUMBER OF
 * LOGICAL BLOCKS zero with an empty data-out buffer is not an error and does nothing (SBC-4 5.3). A difference
 * ends it with MISCOMPARE, MISCOMPARE DURING VERIFY OPERATION,
 * INFORMATION = offset of the first differing byte from the start of the data-out buffer, and nothing is written.
 *
 * <p>Byte 1: WRPROTECT (bits 7-5), DPO (accepted as a hint), FUA (the written blocks are durable before GOOD);
 * bit 1, FUA_NV in SBC-3 and obsolete in SBC-4, is accepted and ignored; bits 2 and 0 are reserved. Bytes 10-12
 * are reserved. Byte 14: GROUP NUMBER is bits 5-0, bits 7-6 are reserved.
 */
public final class CompareAndWrite {

    /** WRPROTECT. */
    public static final CdbField WRPROTECT = Write10.WRPROTECT;
    /** LOGICAL BLOCK ADDRESS. */
    public static final CdbField LOGICAL_BLOCK_ADDRESS = Write16.LOGICAL_BLOCK_ADDRESS;
    /** NUMBER OF LOGICAL BLOCKS. */
    public static final CdbField NUMBER_OF_LOGICAL_BLOCKS =
            CdbField.bytes("NUMBER OF LOGICAL BLOCKS", 13, 1).as(CdbField.Role.TRANSFER_LENGTH);

    /** Operation code 89h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("COMPARE AND WRITE", 0x89, 16)
            .fields(WRPROTECT, Write10.DPO, Write10.FUA, Write10.FUA_NV, LOGICAL_BLOCK_ADDRESS,
                    NUMBER_OF_LOGICAL_BLOCKS, Write16.GROUP_NUMBER)
            .direction(DataDirection.OUT)
            .flags(CommandFlag.WRITES_MEDIUM)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private CompareAndWrite() {
    }

    /** The command, on {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> execute(context, medium));
    }

    private static CommandResult execute(CommandContext context, Medium medium) {
        Cdb cdb = context.cdb();
        long lba = cdb.logicalBlockAddress();
        int blocks = cdb.getInt(NUMBER_OF_LOGICAL_BLOCKS);
        int length = blocks * medium.blockSize();
        context.dataOutNeeded(2L * length);
        Write10.TRANSFER.checkProtection(cdb);
        if (blocks > medium.config().limits().maximumCompareAndWriteLength()) {
            throw CheckConditionException.invalidField(NUMBER_OF_LOGICAL_BLOCKS);
        }
        medium.checkRange(lba, blocks);
        ByteBuffer dataOut = context.dataOut();
        if (dataOut.remaining() != 2 * length) {
            throw CheckConditionException.invalidField(NUMBER_OF_LOGICAL_BLOCKS);
        }
        if (blocks == 0) {
            return CommandResult.good();
        }
        ByteBuffer verifyInstance = dataOut.slice(dataOut.position(), length);
        ByteBuffer writeInstance = dataOut.slice(dataOut.position() + length, length);
        try (Medium.Lock lock = medium.lockExclusive(lba, blocks)) {
            Miscompare.check(verifyInstance, BlockTransfer.readBlocks(medium, lba, blocks), 0);
            medium.write(lba, writeInstance, Write10.TRANSFER.isForceUnitAccess(cdb));
        }
        return CommandResult.good();
    }
}
