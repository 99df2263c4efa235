package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.BlockLimits;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import java.nio.ByteBuffer;

/**
 * WRITE ATOMIC (16) (SBC-4 5.48, atomic writes 4.29): writes TRANSFER LENGTH logical blocks starting at LOGICAL
 * BLOCK ADDRESS as one atomic operation: every other command sees all of the blocks before the write or all of
 * them after it (the range is locked exclusively), and the write is never truncated.
 *
 * <p>Checks, in order: WRPROTECT not zero; ATOMIC BOUNDARY not zero (this device reports MAXIMUM ATOMIC BOUNDARY
 * SIZE zero, so atomic boundaries are not supported); TRANSFER LENGTH above the MAXIMUM ATOMIC TRANSFER LENGTH or
 * the MAXIMUM TRANSFER LENGTH, or not a multiple of the ATOMIC TRANSFER LENGTH GRANULARITY (INVALID FIELD IN CDB
 * at TRANSFER LENGTH); LOGICAL BLOCK ADDRESS not a multiple of the ATOMIC ALIGNMENT (INVALID FIELD IN CDB at
 * LOGICAL BLOCK ADDRESS); blocks outside the medium. A granularity or alignment of zero sets no requirement.
 * Unlike a WRITE, a data-out buffer shorter than TRANSFER LENGTH blocks is INVALID FIELD IN COMMAND INFORMATION
 * UNIT and writes nothing: an atomic write is all or nothing. The command exists only when the MAXIMUM ATOMIC
 * TRANSFER LENGTH is not zero.
 *
 * <p>Byte 1: WRPROTECT (bits 7-5), DPO (a hint), FUA (durable before GOOD); bits 2-0 are reserved. Byte 14: GROUP
 * NUMBER is bits 5-0, bits 7-6 are reserved.
 */
public final class WriteAtomic16 {

    /** ATOMIC BOUNDARY. */
    public static final CdbField ATOMIC_BOUNDARY = CdbField.bytes("ATOMIC BOUNDARY", 10, 2);
    /** TRANSFER LENGTH, in logical blocks. */
    public static final CdbField TRANSFER_LENGTH =
            CdbField.bytes("TRANSFER LENGTH", 12, 2).as(CdbField.Role.TRANSFER_LENGTH);

    /** Operation code 9Ch. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("WRITE ATOMIC(16)", 0x9C, 16)
            .fields(Write10.WRPROTECT, Write10.DPO, Write10.FUA, Write16.LOGICAL_BLOCK_ADDRESS, ATOMIC_BOUNDARY,
                    TRANSFER_LENGTH, Write16.GROUP_NUMBER)
            .direction(DataDirection.OUT)
            .flags(CommandFlag.WRITES_MEDIUM)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private WriteAtomic16() {
    }

    /** The command, on {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> execute(context, medium));
    }

    private static CommandResult execute(CommandContext context, Medium medium) {
        Cdb cdb = context.cdb();
        long lba = cdb.logicalBlockAddress();
        long blocks = cdb.transferLength();
        long wanted = blocks * medium.blockSize();
        context.dataOutNeeded(wanted);
        BlockLimits limits = medium.config().limits();
        Write10.TRANSFER.checkProtection(cdb);
        if (cdb.get(ATOMIC_BOUNDARY) != 0) {
            throw CheckConditionException.invalidField(ATOMIC_BOUNDARY);
        }
        if (blocks > limits.maximumAtomicTransferLength() || !multipleOf(blocks,
                limits.atomicTransferLengthGranularity())) {
            throw CheckConditionException.invalidField(TRANSFER_LENGTH);
        }
        if (!multipleOf(lba, limits.atomicAlignment())) {
            throw CheckConditionException.invalidField(Write16.LOGICAL_BLOCK_ADDRESS);
        }
        BlockTransfer.check(cdb, medium, Write10.TRANSFER, lba, blocks);
        if (blocks == 0) {
            return CommandResult.good();
        }
        ByteBuffer data = context.dataOut();
        if (data.remaining() < wanted) {
            throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST,
                    AdditionalSense.INVALID_FIELD_IN_COMMAND_INFORMATION_UNIT);
        }
        data.limit(data.position() + (int) wanted);
        try (Medium.Lock lock = medium.lockExclusive(lba, blocks)) {
            medium.write(lba, data, Write10.TRANSFER.isForceUnitAccess(cdb));
        }
        return CommandResult.good();
    }

    private static boolean multipleOf(long value, long unit) {
        return unit == 0 || Long.remainderUnsigned(value, unit) == 0;
    }
}
