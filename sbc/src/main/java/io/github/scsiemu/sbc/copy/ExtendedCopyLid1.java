package io.github.scsiemu.sbc.copy;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.spc.Command;

/**
 * EXTENDED COPY (LID1) (SPC-4 6.4), operation code 83h, service action 00h: copies between the logical units of the
 * copy domain as the parameter list's descriptors say; see {@link CopyManager}. Bytes 2-9 and 14 are reserved;
 * PARAMETER LIST LENGTH is bytes 10-13. Its reservation class is WRITE (SPC-4 table 65). It is not flagged as
 * writing the medium: the receiving logical unit may be only the copy source, so write protection is checked per
 * destination instead.
 */
public final class ExtendedCopyLid1 {

    /** SERVICE ACTION (00h for LID1; 01h, LID4, is not supported). */
    public static final CdbField SERVICE_ACTION = CdbField.bits("SERVICE ACTION", 1, 4, 5);
    /** PARAMETER LIST LENGTH. */
    public static final CdbField PARAMETER_LIST_LENGTH =
            CdbField.bytes("PARAMETER LIST LENGTH", 10, 4).as(CdbField.Role.PARAMETER_LIST_LENGTH);

    /** Operation code 83h, service action 00h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("EXTENDED COPY(LID1)", 0x83, 16)
            .serviceAction(0x00, SERVICE_ACTION)
            .fields(PARAMETER_LIST_LENGTH)
            .direction(DataDirection.OUT)
            .reservationClass(ReservationClass.WRITE)
            .build();

    private ExtendedCopyLid1() {
    }

    /** The command, executed by {@code manager}. */
    public static Command command(CopyManager manager) {
        return new Command(DESCRIPTOR, manager::extendedCopy);
    }
}
