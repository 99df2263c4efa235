package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;

/**
 * WRITE (6) (SBC-4 5.39): transfers TRANSFER LENGTH logical blocks from the data-out buffer to the medium starting
 * at a 21-bit LOGICAL BLOCK ADDRESS; a TRANSFER LENGTH of zero means 256 blocks. See {@link BlockTransfer} for the
 * checks and for data-out buffers of another length.
 *
 * <p>The CDB is laid out as {@link Read6}'s: byte 1 bits 7-5 are reserved; there is no WRPROTECT, DPO or FUA, so
 * the blocks are durable before GOOD only when the write cache is disabled (WCE = 0).
 */
public final class Write6 {

    /** Operation code 0Ah. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("WRITE(6)", 0x0A, 6)
            .fields(Read6.LOGICAL_BLOCK_ADDRESS, Read6.TRANSFER_LENGTH)
            .direction(DataDirection.OUT)
            .flags(CommandFlag.WRITES_MEDIUM)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private Write6() {
    }

    /** The command, writing to {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> BlockTransfer.write(context, medium, TransferFields.NONE,
                context.cdb().logicalBlockAddress(), Read6.blocks(context.cdb())));
    }
}
