package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;

/**
 * WRITE (12) (SBC-4 5.41): as {@link Write10} with a 32-bit TRANSFER LENGTH.
 *
 * <p>Byte 1 is as for WRITE (10). Byte 10 is as for {@link Read12}: GROUP NUMBER in bits 5-0, bits 7-6 reserved.
 */
public final class Write12 {

    /** Operation code AAh. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("WRITE(12)", 0xAA, 12)
            .fields(Write10.WRPROTECT, Write10.DPO, Write10.FUA, Write10.FUA_NV, Read12.LOGICAL_BLOCK_ADDRESS,
                    Read12.TRANSFER_LENGTH, Read12.GROUP_NUMBER)
            .direction(DataDirection.OUT)
            .flags(CommandFlag.WRITES_MEDIUM)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private Write12() {
    }

    /** The command, writing to {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> BlockTransfer.write(context, medium, Write10.TRANSFER));
    }
}
