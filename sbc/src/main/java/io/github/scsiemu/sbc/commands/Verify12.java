package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;

/**
 * VERIFY (12) (SBC-4 5.38): as {@link Verify10} with a 32-bit VERIFICATION LENGTH; byte 10 is laid out as
 * {@link Read12}'s (GROUP NUMBER in bits 5-0, bits 7-6 reserved).
 */
public final class Verify12 {

    /** VERIFICATION LENGTH, in logical blocks. */
    public static final CdbField VERIFICATION_LENGTH =
            CdbField.bytes("VERIFICATION LENGTH", 6, 4).as(CdbField.Role.TRANSFER_LENGTH);

    /** Operation code AFh. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("VERIFY(12)", 0xAF, 12)
            .fields(Verify10.VRPROTECT, Verify10.DPO, Verify10.BYTCHK, Read12.LOGICAL_BLOCK_ADDRESS,
                    VERIFICATION_LENGTH, Read12.GROUP_NUMBER)
            .direction(DataDirection.OUT)
            .reservationClass(ReservationClass.READ)
            .build();

    private Verify12() {
    }

    /** The command, verifying {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR,
                context -> Verification.verify(context, medium, Verify10.VRPROTECT, Verify10.BYTCHK));
    }
}
