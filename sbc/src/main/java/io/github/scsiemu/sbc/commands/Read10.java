package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;

/**
 * READ (10) (SBC-4 5.16): transfers TRANSFER LENGTH logical blocks starting at LOGICAL BLOCK ADDRESS to the
 * data-in buffer; see {@link BlockTransfer} for the checks.
 *
 * <p>Byte 1: RDPROTECT must be zero (no protection information); DPO, FUA and RARC are accepted (data is always read
 * from the store, which is the medium, so FUA is always honoured and the cache hints change nothing); bit 1, obsolete in SBC-4 and
 * FUA_NV in SBC-3, is accepted and ignored; bit 0, obsolete since SBC-2, is treated as reserved. Byte 6: GROUP
 * NUMBER is bits 5-0 and accepted; bits 7-6 are reserved.
 */
public final class Read10 {

    /** RDPROTECT. */
    public static final CdbField RDPROTECT = CdbField.bits("RDPROTECT", 1, 7, 3);
    /** DPO (disable page out). */
    public static final CdbField DPO = CdbField.bit("DPO", 1, 4);
    /** FUA (force unit access). */
    public static final CdbField FUA = CdbField.bit("FUA", 1, 3);
    /** RARC (rebuild assist recovery control). */
    public static final CdbField RARC = CdbField.bit("RARC", 1, 2);
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

    /** The protection and FUA fields, for {@link BlockTransfer}; READ (12) and READ (16) share them. */
    static final TransferFields TRANSFER = new TransferFields(RDPROTECT, FUA);

    /** Operation code 28h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("READ(10)", 0x28, 10)
            .fields(RDPROTECT, DPO, FUA, RARC, FUA_NV, LOGICAL_BLOCK_ADDRESS, GROUP_NUMBER, TRANSFER_LENGTH)
            .direction(DataDirection.IN)
            .reservationClass(ReservationClass.READ)
            .build();

    private Read10() {
    }

    /** The command, reading from {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> BlockTransfer.read(context, medium, TRANSFER));
    }
}
