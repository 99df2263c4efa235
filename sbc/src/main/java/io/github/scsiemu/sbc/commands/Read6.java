package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;

/**
 * READ (6) (SBC-4 5.15): transfers TRANSFER LENGTH logical blocks starting at a 21-bit LOGICAL BLOCK ADDRESS to the
 * data-in buffer; a TRANSFER LENGTH of zero means 256 blocks. See {@link BlockTransfer} for the checks.
 *
 * <p>Byte 1: bits 7-5 are reserved (the logical unit number of SCSI-2), bits 4-0 are the most significant bits
 * of the LOGICAL BLOCK ADDRESS. There is no protection field, DPO or FUA.
 */
public final class Read6 {

    /** LOGICAL BLOCK ADDRESS, 21 bits. */
    public static final CdbField LOGICAL_BLOCK_ADDRESS =
            CdbField.bits("LOGICAL BLOCK ADDRESS", 1, 4, 21).as(CdbField.Role.LOGICAL_BLOCK_ADDRESS);
    /** TRANSFER LENGTH, in logical blocks; zero means 256. */
    public static final CdbField TRANSFER_LENGTH =
            CdbField.bytes("TRANSFER LENGTH", 4, 1).as(CdbField.Role.TRANSFER_LENGTH);

    /** Operation code 08h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("READ(6)", 0x08, 6)
            .fields(LOGICAL_BLOCK_ADDRESS, TRANSFER_LENGTH)
            .direction(DataDirection.IN)
            .reservationClass(ReservationClass.READ)
            .build();

    private Read6() {
    }

    /** The command, reading from {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> BlockTransfer.read(context, medium, TransferFields.NONE,
                context.cdb().logicalBlockAddress(), blocks(context.cdb())));
    }

    /** The number of blocks a READ (6) or WRITE (6) CDB transfers: TRANSFER LENGTH, with zero meaning 256. */
    static long blocks(Cdb cdb) {
        long length = cdb.transferLength();
        return length == 0 ? 256 : length;
    }
}
