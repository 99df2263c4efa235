package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;

/**
 * WRITE AND VERIFY (10) (SBC-4 5.43): writes TRANSFER LENGTH logical blocks from the data-out buffer starting at
 * LOGICAL BLOCK ADDRESS, then verifies them as BYTCHK says; see {@link Verification} and, for data-out buffers of
 * another length, {@link BlockTransfer}.
 *
 * <p>Byte 1: WRPROTECT must be zero; DPO is accepted as a hint; bit 3 is reserved; BYTCHK is bits 2-1 (00b and 01b
 * defined); bit 0, obsolete since SBC-2, is treated as reserved. There is no FUA bit: the verification reads the
 * medium, so the blocks are always durable before GOOD. Byte 6: GROUP NUMBER is bits 5-0, bits 7-6 are reserved.
 */
public final class WriteAndVerify10 {

    /** BYTCHK (byte check). */
    public static final CdbField BYTCHK = CdbField.bits("BYTCHK", 1, 2, 2);

    /** Operation code 2Eh. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("WRITE AND VERIFY(10)", 0x2E, 10)
            .fields(Write10.WRPROTECT, Write10.DPO, BYTCHK, Write10.LOGICAL_BLOCK_ADDRESS, Write10.GROUP_NUMBER,
                    Write10.TRANSFER_LENGTH)
            .direction(DataDirection.OUT)
            .flags(CommandFlag.WRITES_MEDIUM)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private WriteAndVerify10() {
    }

    /** The command, writing to {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR,
                context -> Verification.writeAndVerify(context, medium, Write10.WRPROTECT, BYTCHK));
    }
}
