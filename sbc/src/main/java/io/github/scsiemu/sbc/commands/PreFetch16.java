package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandResult;

/**
 * PRE-FETCH (16) (SBC-4 5.11): as {@link PreFetch10} with a 64-bit LOGICAL BLOCK ADDRESS and a 32-bit PREFETCH
 * LENGTH; always CONDITION MET for a range on the medium. Byte 14: GROUP NUMBER is bits 5-0, bits 7-6 are reserved.
 */
public final class PreFetch16 {

    /** PREFETCH LENGTH, in logical blocks; zero means to the last logical block. */
    public static final CdbField PREFETCH_LENGTH = CdbField.bytes("PREFETCH LENGTH", 10, 4);

    /** Operation code 90h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("PRE-FETCH(16)", 0x90, 16)
            .fields(PreFetch10.IMMED, Read16.LOGICAL_BLOCK_ADDRESS, PREFETCH_LENGTH, Read16.GROUP_NUMBER)
            .direction(DataDirection.NONE)
            .reservationClass(ReservationClass.READ)
            .build();

    private PreFetch16() {
    }

    /** The command, on {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> {
            CacheRange.of(context.cdb(), medium, PREFETCH_LENGTH);
            return CommandResult.conditionMet();
        });
    }
}
