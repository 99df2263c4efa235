package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import java.nio.ByteBuffer;

/**
 * ORWRITE (16) (SBC-4 5.7): for TRANSFER LENGTH logical blocks starting at LOGICAL BLOCK ADDRESS, stores the
 * bitwise OR of each block with the corresponding block of the data-out buffer. The read, the OR and the write of
 * the range are one operation: the range is locked exclusively across them, so no other command sees or changes a
 * block in between.
 *
 * <p>Checks and data-out handling are a WRITE's ({@link BlockTransfer}, including the MAXIMUM TRANSFER LENGTH).
 * Byte 1: ORPROTECT (bits 7-5) must be zero; DPO is accepted as a hint; FUA makes the result durable before GOOD;
 * bits 2-0 are reserved. Byte 14: GROUP NUMBER is bits 5-0, bits 7-6 are reserved.
 */
public final class OrWrite16 {

    /** ORPROTECT. */
    public static final CdbField ORPROTECT = CdbField.bits("ORPROTECT", 1, 7, 3);

    /** The protection and FUA fields. */
    static final TransferFields TRANSFER = new TransferFields(ORPROTECT, Write10.FUA);

    /** Operation code 8Bh. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("ORWRITE(16)", 0x8B, 16)
            .fields(ORPROTECT, Write10.DPO, Write10.FUA, Write16.LOGICAL_BLOCK_ADDRESS, Write16.TRANSFER_LENGTH,
                    Write16.GROUP_NUMBER)
            .direction(DataDirection.OUT)
            .flags(CommandFlag.WRITES_MEDIUM)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private OrWrite16() {
    }

    /** The command, on {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> execute(context, medium));
    }

    private static CommandResult execute(CommandContext context, Medium medium) {
        Cdb cdb = context.cdb();
        long lba = cdb.logicalBlockAddress();
        ByteBuffer data = BlockTransfer.dataOut(context, medium, TRANSFER, lba, cdb.transferLength());
        if (!data.hasRemaining()) {
            return CommandResult.good();
        }
        long blocks = data.remaining() / medium.blockSize();
        try (Medium.Lock lock = medium.lockExclusive(lba, blocks)) {
            ByteBuffer result = BlockTransfer.readBlocks(medium, lba, blocks);
            for (int i = 0; i < result.limit(); i++) {
                result.put(i, (byte) (result.get(i) | data.get(data.position() + i)));
            }
            medium.write(lba, result, TRANSFER.isForceUnitAccess(cdb));
        }
        return CommandResult.good();
    }
}
