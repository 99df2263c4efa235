package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;

/**
 * WRITE (16) (SBC-4 5.42): as {@link Write10} with a 64-bit LOGICAL BLOCK ADDRESS and a 32-bit TRANSFER LENGTH.
 *
 * <p>Byte 1 is as for WRITE (10) except bit 0, which is DLD2; byte 14 holds DLD1 and DLD0 (bits 7-6) and GROUP
 * NUMBER (bits 5-0). Command duration limits are not supported, so the three DLD bits are treated as reserved.
 */
public final class Write16 {

    /** LOGICAL BLOCK ADDRESS. */
    public static final CdbField LOGICAL_BLOCK_ADDRESS =
            CdbField.bytes("LOGICAL BLOCK ADDRESS", 2, 8).as(CdbField.Role.LOGICAL_BLOCK_ADDRESS);
    /** TRANSFER LENGTH, in logical blocks. */
    public static final CdbField TRANSFER_LENGTH =
            CdbField.bytes("TRANSFER LENGTH", 10, 4).as(CdbField.Role.TRANSFER_LENGTH);
    /** GROUP NUMBER. */
    public static final CdbField GROUP_NUMBER = CdbField.bits("GROUP NUMBER", 14, 5, 6);

    /** Operation code 8Ah. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("WRITE(16)", 0x8A, 16)
            .fields(Write10.WRPROTECT, Write10.DPO, Write10.FUA, Write10.FUA_NV, LOGICAL_BLOCK_ADDRESS,
                    TRANSFER_LENGTH, GROUP_NUMBER)
            .direction(DataDirection.OUT)
            .flags(CommandFlag.WRITES_MEDIUM)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private Write16() {
    }

    /** The command, writing to {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> BlockTransfer.write(context, medium, Write10.TRANSFER));
    }
}
