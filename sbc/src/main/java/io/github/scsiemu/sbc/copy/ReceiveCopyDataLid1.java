package io.github.scsiemu.sbc.copy;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.spc.Command;

/**
 * RECEIVE COPY DATA (LID1) (SPC-4 6.25 family; RECEIVE COPY RESULTS with service action RECEIVE DATA in SPC-3), operation
 * code 84h, service action 01h: the data held by the EXTENDED COPY (LID1) with the LIST IDENTIFIER; none is ever held
 * here, so AVAILABLE DATA is zero. CDB as {@link ReceiveCopyStatusLid1}; reservation class ALWAYS.
 */
public final class ReceiveCopyDataLid1 {

    /** Operation code 84h, service action 01h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("RECEIVE COPY DATA(LID1)", 0x84, 16)
            .serviceAction(0x01, ReceiveCopyStatusLid1.SERVICE_ACTION)
            .fields(ReceiveCopyStatusLid1.LIST_IDENTIFIER, ReceiveCopyStatusLid1.ALLOCATION_LENGTH)
            .direction(DataDirection.IN)
            .reservationClass(ReservationClass.ALWAYS)
            .build();

    private ReceiveCopyDataLid1() {
    }

    /** The command, answered by {@code manager}. */
    public static Command command(CopyManager manager) {
        return new Command(DESCRIPTOR,
                context -> manager.copyData(context, ReceiveCopyStatusLid1.LIST_IDENTIFIER));
    }
}
