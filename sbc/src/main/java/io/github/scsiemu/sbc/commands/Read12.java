package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;

/**
 * READ (12) (SBC-4 5.17): as {@link Read10} with a 32-bit TRANSFER LENGTH.
 *
 * <p>Byte 1 is as for READ (10). Byte 10 holds GROUP NUMBER (bits 5-0); bit 6 is reserved and bit 7, restricted
 * for MMC-6, is reserved for a direct-access device.
 */
public final class Read12 {

    /** LOGICAL BLOCK ADDRESS. */
    public static final CdbField LOGICAL_BLOCK_ADDRESS =
            CdbField.bytes("LOGICAL BLOCK ADDRESS", 2, 4).as(CdbField.Role.LOGICAL_BLOCK_ADDRESS);
    /** TRANSFER LENGTH, in logical blocks. */
    public static final CdbField TRANSFER_LENGTH =
            CdbField.bytes("TRANSFER LENGTH", 6, 4).as(CdbField.Role.TRANSFER_LENGTH);
    /** GROUP NUMBER. */
    public static final CdbField GROUP_NUMBER = CdbField.bits("GROUP NUMBER", 10, 5, 6);

    /** Operation code A8h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("READ(12)", 0xA8, 12)
            .fields(Read10.RDPROTECT, Read10.DPO, Read10.FUA, Read10.RARC, Read10.FUA_NV, LOGICAL_BLOCK_ADDRESS,
                    TRANSFER_LENGTH, GROUP_NUMBER)
            .direction(DataDirection.IN)
            .reservationClass(ReservationClass.READ)
            .build();

    private Read12() {
    }

    /** The command, reading from {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> BlockTransfer.read(context, medium, Read10.TRANSFER));
    }
}
