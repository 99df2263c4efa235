package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;

/**
 * SYNCHRONIZE CACHE (10) (SBC-4 5.32): makes every completed write to NUMBER OF LOGICAL BLOCKS logical blocks
 * starting at LOGICAL BLOCK ADDRESS (zero: up to the last one) durable in the store; a range outside the medium is
 * LOGICAL BLOCK ADDRESS OUT OF RANGE and a store failure MEDIUM ERROR, WRITE ERROR.
 *
 * <p>IMMED allows GOOD before the data is durable; this device server synchronizes before returning in both cases,
 * which the standard permits. The command changes no block, so the write-protect check does not apply to it, but
 * it is a write under persistent reservations (SPC-4 5.13.1).
 *
 * <p>Byte 1: IMMED is bit 1; bit 2, SYNC_NV in SBC-3 and obsolete in SBC-4, is accepted and ignored; bit 0,
 * obsolete since SBC-2, and bits 7-3 are reserved. Byte 6: GROUP NUMBER is bits 5-0, bits 7-6 are reserved.
 */
public final class SynchronizeCache10 {

    /** SYNC_NV of SBC-3, obsolete in SBC-4. */
    public static final CdbField SYNC_NV = CdbField.bit("SYNC_NV", 1, 2);
    /** IMMED (immediate). */
    public static final CdbField IMMED = CdbField.bit("IMMED", 1, 1);
    /** NUMBER OF LOGICAL BLOCKS; zero means to the last logical block. */
    public static final CdbField NUMBER_OF_LOGICAL_BLOCKS = CdbField.bytes("NUMBER OF LOGICAL BLOCKS", 7, 2);

    /** Operation code 35h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("SYNCHRONIZE CACHE(10)", 0x35, 10)
            .fields(SYNC_NV, IMMED, Read10.LOGICAL_BLOCK_ADDRESS, Read10.GROUP_NUMBER, NUMBER_OF_LOGICAL_BLOCKS)
            .direction(DataDirection.NONE)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private SynchronizeCache10() {
    }

    /** The command, on {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> synchronize(context, medium, NUMBER_OF_LOGICAL_BLOCKS));
    }

    /** Synchronizes the range a SYNCHRONIZE CACHE CDB names. */
    static CommandResult synchronize(CommandContext context, Medium medium, CdbField numberOfLogicalBlocks) {
        CacheRange range = CacheRange.of(context.cdb(), medium, numberOfLogicalBlocks);
        medium.synchronize(range.lba(), range.blocks());
        return CommandResult.good();
    }
}
