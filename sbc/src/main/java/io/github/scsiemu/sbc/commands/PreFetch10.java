package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Medium;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandResult;

/**
 * PRE-FETCH (10) (SBC-4 5.10): asks that PREFETCH LENGTH logical blocks starting at LOGICAL BLOCK ADDRESS (zero:
 * up to the last one) be brought into the cache. The device server returns CONDITION MET if the blocks are (with
 * IMMED set: will be) in the cache and GOOD if the cache cannot hold them.
 *
 * <p>The store of this disk answers every read at cache speed and its cache is unbounded (the store itself), so
 * every range fits: after the range check the command always ends with CONDITION MET, with IMMED set or not, and
 * transfers nothing. A range outside the medium is LOGICAL BLOCK ADDRESS OUT OF RANGE.
 *
 * <p>Byte 1: IMMED is bit 1; bit 0, obsolete since SBC-2, and bits 7-2 are reserved. Byte 6: GROUP NUMBER is bits
 * 5-0, bits 7-6 are reserved.
 */
public final class PreFetch10 {

    /** IMMED (immediate). */
    public static final CdbField IMMED = CdbField.bit("IMMED", 1, 1);
    /** PREFETCH LENGTH, in logical blocks; zero means to the last logical block. */
    public static final CdbField PREFETCH_LENGTH = CdbField.bytes("PREFETCH LENGTH", 7, 2);

    /** Operation code 34h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("PRE-FETCH(10)", 0x34, 10)
            .fields(IMMED, Read10.LOGICAL_BLOCK_ADDRESS, Read10.GROUP_NUMBER, PREFETCH_LENGTH)
            .direction(DataDirection.NONE)
            .reservationClass(ReservationClass.READ)
            .build();

    private PreFetch10() {
    }

    /** The command, on {@code medium}. */
    public static Command command(Medium medium) {
        return new Command(DESCRIPTOR, context -> {
            CacheRange.of(context.cdb(), medium, PREFETCH_LENGTH);
            return CommandResult.conditionMet();
        });
    }
}
