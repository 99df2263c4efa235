package io.github.scsiemu.sbc.copy;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.spc.Command;

/**
 * RECEIVE COPY OPERATING PARAMETERS (SPC-4 6.25 family; RECEIVE COPY RESULTS with service action OPERATING PARAMETERS in
 * SPC-3), operation code 84h, service action 03h: the copy manager's limits ({@link OperatingParameters#encode()}).
 * Bytes 2-9 (the LIST IDENTIFIER of the other service actions) and 14 are reserved; ALLOCATION LENGTH is bytes
 * 10-13. Reservation class ALWAYS.
 */
public final class ReceiveCopyOperatingParameters {

    /** Operation code 84h, service action 03h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor
            .builder("RECEIVE COPY OPERATING PARAMETERS", 0x84, 16)
            .serviceAction(0x03, ReceiveCopyStatusLid1.SERVICE_ACTION)
            .fields(ReceiveCopyStatusLid1.ALLOCATION_LENGTH)
            .direction(DataDirection.IN)
            .reservationClass(ReservationClass.ALWAYS)
            .build();

    private ReceiveCopyOperatingParameters() {
    }

    /** The command, answered by {@code manager}. */
    public static Command command(CopyManager manager) {
        return new Command(DESCRIPTOR, manager::operatingParameters);
    }
}
