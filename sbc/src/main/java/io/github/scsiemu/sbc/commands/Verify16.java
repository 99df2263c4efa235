package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;

/**
 * VERIFY (16) (SBC-4 5.39): as {@link Verify10} with a 64-bit LOGICAL BLOCK ADDRESS and a 32-bit VERIFICATION
 * LENGTH. Byte 1 bit 0 is reserved; byte 14 holds GROUP NUMBER (bits 5-0), bits 7-6 are reserved.
 */
public final class Verify16 {

    /** VERIFICATION LENGTH, in logical blocks. */
    public static final CdbField VERIFICATION_LENGTH =
            CdbField.bytes("VERIFICATION LENGTH", 10, 4).as(CdbField.Role.TRANSFER_LENGTH);

    /** Operation code 8Fh. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("VERIFY(16)", 0x8F, 16)
            .fields(Verify10.VRPROTECT, Verify10.DPO, Verify10.BYTCHK, Read16.LOGICAL_BLOCK_ADDRESS,
                    VERIFICATION_LENGTH, Read16.GROUP_NUMBER)
            .direction(DataDirection.OUT)
            .reservationClass(ReservationClass.READ)
            .build();

    private Verify16() {
    }

    /** The command, verifying {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR,
                context -> Verification.verify(context, medium, Verify10.VRPROTECT, Verify10.BYTCHK));
    }
}
