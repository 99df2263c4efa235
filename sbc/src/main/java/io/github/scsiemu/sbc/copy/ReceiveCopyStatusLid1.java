package io.github.scsiemu.sbc.copy;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.spc.Command;

/**
 * RECEIVE COPY STATUS (LID1) (SPC-4 6.25 family; RECEIVE COPY RESULTS with service action COPY STATUS in SPC-3), operation
 * code 84h, service action 00h: the progress or outcome of the EXTENDED COPY (LID1) with the LIST IDENTIFIER sent on
 * this nexus ({@link CopyResults#copyStatus()}); a list identifier with no held results is INVALID FIELD IN CDB at
 * byte 2. The CDB shared by the RECEIVE COPY RESULTS service actions: LIST IDENTIFIER in byte 2, bytes 3-9 and 14
 * reserved, ALLOCATION LENGTH in bytes 10-13. Reservation class ALWAYS (SPC-4 table 65).
 */
public final class ReceiveCopyStatusLid1 {

    /** SERVICE ACTION, shared by every operation code 84h declaration. */
    public static final CdbField SERVICE_ACTION = CdbField.bits("SERVICE ACTION", 1, 4, 5);
    /** LIST IDENTIFIER. */
    public static final CdbField LIST_IDENTIFIER = CdbField.bytes("LIST IDENTIFIER", 2, 1);
    /** ALLOCATION LENGTH. */
    public static final CdbField ALLOCATION_LENGTH =
            CdbField.bytes("ALLOCATION LENGTH", 10, 4).as(CdbField.Role.ALLOCATION_LENGTH);

    /** Operation code 84h, service action 00h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("RECEIVE COPY STATUS(LID1)", 0x84, 16)
            .serviceAction(0x00, SERVICE_ACTION)
            .fields(LIST_IDENTIFIER, ALLOCATION_LENGTH)
            .direction(DataDirection.IN)
            .reservationClass(ReservationClass.ALWAYS)
            .build();

    private ReceiveCopyStatusLid1() {
    }

    /** The command, answered by {@code manager}. */
    public static Command command(CopyManager manager) {
        return new Command(DESCRIPTOR, context -> manager.copyStatus(context, LIST_IDENTIFIER));
    }
}
