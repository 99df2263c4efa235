package io.github.scsiemu.sbc.copy;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.spc.Command;

/**
 * RECEIVE COPY FAILURE DETAILS (LID1) (SPC-4 6.25 family; RECEIVE COPY RESULTS with service action FAILED SEGMENT DETAILS
 * in SPC-3), operation code 84h, service action 04h: the sense data a failed EXTENDED COPY (LID1) with the LIST
 * IDENTIFIER ended with ({@link CopyResults#failedSegmentDetails}). CDB as {@link ReceiveCopyStatusLid1};
 * reservation class ALWAYS.
 */
public final class ReceiveCopyFailureDetailsLid1 {

    /** Operation code 84h, service action 04h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor
            .builder("RECEIVE COPY FAILURE DETAILS(LID1)", 0x84, 16)
            .serviceAction(0x04, ReceiveCopyStatusLid1.SERVICE_ACTION)
            .fields(ReceiveCopyStatusLid1.LIST_IDENTIFIER, ReceiveCopyStatusLid1.ALLOCATION_LENGTH)
            .direction(DataDirection.IN)
            .reservationClass(ReservationClass.ALWAYS)
            .build();

    private ReceiveCopyFailureDetailsLid1() {
    }

    /** The command, answered by {@code manager}. */
    public static Command command(CopyManager manager) {
        return new Command(DESCRIPTOR,
                context -> manager.failureDetails(context, ReceiveCopyStatusLid1.LIST_IDENTIFIER));
    }
}
