package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;

/**
 * WRITE AND VERIFY (16) (SBC-4 5.45): as {@link WriteAndVerify10} with a 64-bit LOGICAL BLOCK ADDRESS and a 32-bit
 * TRANSFER LENGTH. Byte 1 bit 0 is reserved; byte 14 holds GROUP NUMBER (bits 5-0), bits 7-6 are reserved.
 */
public final class WriteAndVerify16 {

    /** Operation code 8Eh. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("WRITE AND VERIFY(16)", 0x8E, 16)
            .fields(Write10.WRPROTECT, Write10.DPO, WriteAndVerify10.BYTCHK, Write16.LOGICAL_BLOCK_ADDRESS,
                    Write16.TRANSFER_LENGTH, Write16.GROUP_NUMBER)
            .direction(DataDirection.OUT)
            .flags(CommandFlag.WRITES_MEDIUM)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private WriteAndVerify16() {
    }

    /** The command, writing to {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> Verification.writeAndVerify(context, medium, Write10.WRPROTECT,
                WriteAndVerify10.BYTCHK));
    }
}
