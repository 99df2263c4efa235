package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;

/**
 * WRITE (10) (SBC-4 5.40): transfers TRANSFER LENGTH logical blocks from the data-out buffer to the medium starting
 * at LOGICAL BLOCK ADDRESS; see {@link BlockTransfer} for the checks and for data-out buffers of another length.
 *
 * <p>Byte 1: WRPROTECT must be zero (no protection information); DPO is accepted as a hint; with FUA set (or the
 * write cache disabled, WCE = 0) the blocks are durable in the store before GOOD is returned (SBC-4 4.15); bit 2
 * is reserved; bit 1, obsolete in SBC-4 and FUA_NV in SBC-3, is accepted and ignored; bit 0, obsolete since
 * SBC-2, is treated as reserved. Byte 6: GROUP NUMBER is bits 5-0; bits 7-6 are reserved.
 */
public final class Write10 {

    /** WRPROTECT. */
    public static final CdbField WRPROTECT = CdbField.bits("WRPROTECT", 1, 7, 3);
    /** DPO (disable page out). */
    public static final CdbField DPO = CdbField.bit("DPO", 1, 4);
    /** FUA (force unit access). */
    public static final CdbField FUA = CdbField.bit("FUA", 1, 3);
    /** FUA_NV of SBC-3, obsolete in SBC-4. */
    public static final CdbField FUA_NV = CdbField.bit("FUA_NV", 1, 1);
    /** LOGICAL BLOCK ADDRESS. */
    public static final CdbField LOGICAL_BLOCK_ADDRESS =
            CdbField.bytes("LOGICAL BLOCK ADDRESS", 2, 4).as(CdbField.Role.LOGICAL_BLOCK_ADDRESS);
    /** GROUP NUMBER. */
    public static final CdbField GROUP_NUMBER = CdbField.bits("GROUP NUMBER", 6, 5, 6);
    /** TRANSFER LENGTH, in logical blocks. */
    public static final CdbField TRANSFER_LENGTH =
            CdbField.bytes("TRANSFER LENGTH", 7, 2).as(CdbField.Role.TRANSFER_LENGTH);

    /** The protection and FUA fields, for {@link BlockTransfer}; WRITE (12) and WRITE (16) share them. */
    static final TransferFields TRANSFER = new TransferFields(WRPROTECT, FUA);

    /** Operation code 2Ah. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("WRITE(10)", 0x2A, 10)
            .fields(WRPROTECT, DPO, FUA, FUA_NV, LOGICAL_BLOCK_ADDRESS, GROUP_NUMBER, TRANSFER_LENGTH)
            .direction(DataDirection.OUT)
            .flags(CommandFlag.WRITES_MEDIUM)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private Write10() {
    }

    /** The command, writing to {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> BlockTransfer.write(context, medium, TRANSFER));
    }
}
