package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;

/**
 * VERIFY (10) (SBC-4 5.37): verifies VERIFICATION LENGTH logical blocks starting at LOGICAL BLOCK ADDRESS, against
 * the medium only or against data-out as BYTCHK says; see {@link Verification}.
 *
 * <p>Byte 1: VRPROTECT must be zero (no protection information); DPO is accepted as a hint; bit 3 is reserved;
 * BYTCHK is bits 2-1; bit 0, obsolete since SBC-2, is treated as reserved. Byte 6: GROUP NUMBER is bits 5-0, bit 6
 * is reserved and bit 7 (restricted for MMC-6) is reserved for a direct-access device. The VERIFICATION LENGTH is
 * limited by the MAXIMUM TRANSFER LENGTH like a READ's.
 */
public final class Verify10 {

    /** VRPROTECT. */
    public static final CdbField VRPROTECT = CdbField.bits("VRPROTECT", 1, 7, 3);
    /** DPO (disable page out). */
    public static final CdbField DPO = CdbField.bit("DPO", 1, 4);
    /** BYTCHK (byte check). */
    public static final CdbField BYTCHK = CdbField.bits("BYTCHK", 1, 2, 2);
    /** LOGICAL BLOCK ADDRESS. */
    public static final CdbField LOGICAL_BLOCK_ADDRESS =
            CdbField.bytes("LOGICAL BLOCK ADDRESS", 2, 4).as(CdbField.Role.LOGICAL_BLOCK_ADDRESS);
    /** GROUP NUMBER. */
    public static final CdbField GROUP_NUMBER = CdbField.bits("GROUP NUMBER", 6, 5, 6);
    /** VERIFICATION LENGTH, in logical blocks. */
    public static final CdbField VERIFICATION_LENGTH =
            CdbField.bytes("VERIFICATION LENGTH", 7, 2).as(CdbField.Role.TRANSFER_LENGTH);

    /** Operation code 2Fh. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("VERIFY(10)", 0x2F, 10)
            .fields(VRPROTECT, DPO, BYTCHK, LOGICAL_BLOCK_ADDRESS, GROUP_NUMBER, VERIFICATION_LENGTH)
            .direction(DataDirection.OUT)
            .reservationClass(ReservationClass.READ)
            .build();

    private Verify10() {
    }

    /** The command, verifying {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> Verification.verify(context, medium, VRPROTECT, BYTCHK));
    }
}
