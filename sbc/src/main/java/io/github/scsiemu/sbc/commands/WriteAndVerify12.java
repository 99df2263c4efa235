package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;

/**
 * WRITE AND VERIFY (12) (SBC-4 5.44): as {@link WriteAndVerify10} with a 32-bit TRANSFER LENGTH; byte 10 is laid
 * out as {@link Read12}'s (GROUP NUMBER in bits 5-0, bits 7-6 reserved).
 */
public final class WriteAndVerify12 {

    /** Operation code AEh. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("WRITE AND VERIFY(12)", 0xAE, 12)
            .fields(Write10.WRPROTECT, Write10.DPO, WriteAndVerify10.BYTCHK, Read12.LOGICAL_BLOCK_ADDRESS,
                    Read12.TRANSFER_LENGTH, Read12.GROUP_NUMBER)
            .direction(DataDirection.OUT)
            .flags(CommandFlag.WRITES_MEDIUM)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private WriteAndVerify12() {
    }

    /** The command, writing to {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> Verification.writeAndVerify(context, medium, Write10.WRPROTECT,
                WriteAndVerify10.BYTCHK));
    }
}
