package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;

/**
 * SYNCHRONIZE CACHE (16) (SBC-4 5.33): as {@link SynchronizeCache10} with a 64-bit LOGICAL BLOCK ADDRESS and a
 * 32-bit NUMBER OF LOGICAL BLOCKS. Byte 1: SYNC_NV (bit 2, accepted and ignored), IMMED (bit 1); bit 0 and bits 7-3
 * are reserved. Byte 14: GROUP NUMBER is bits 5-0, bits 7-6 are reserved.
 */
public final class SynchronizeCache16 {

    /** NUMBER OF LOGICAL BLOCKS; zero means to the last logical block. */
    public static final CdbField NUMBER_OF_LOGICAL_BLOCKS = CdbField.bytes("NUMBER OF LOGICAL BLOCKS", 10, 4);

    /** Operation code 91h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("SYNCHRONIZE CACHE(16)", 0x91, 16)
            .fields(SynchronizeCache10.SYNC_NV, SynchronizeCache10.IMMED, Read16.LOGICAL_BLOCK_ADDRESS,
                    NUMBER_OF_LOGICAL_BLOCKS, Read16.GROUP_NUMBER)
            .direction(DataDirection.NONE)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private SynchronizeCache16() {
    }

    /** The command, on {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR,
                context -> SynchronizeCache10.synchronize(context, medium, NUMBER_OF_LOGICAL_BLOCKS));
    }
}
