package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandResult;

/**
 * READ DEFECT DATA (12) (SBC-4 5.20): as {@link ReadDefectData10} with an ADDRESS DESCRIPTOR INDEX and a 4-byte
 * ALLOCATION LENGTH. The parameter data is the 8-byte header: PLISTV and GLISTV as requested, the DEFECT LIST
 * FORMAT, GENERATION CODE zero (the lists never change) and a DEFECT LIST LENGTH of zero. Any ADDRESS DESCRIPTOR
 * INDEX is accepted: it is past the end of the empty list.
 */
public final class ReadDefectData12 {

    /** REQ_PLIST. */
    public static final CdbField REQ_PLIST = CdbField.bit("REQ_PLIST", 1, 4);
    /** REQ_GLIST. */
    public static final CdbField REQ_GLIST = CdbField.bit("REQ_GLIST", 1, 3);
    /** DEFECT LIST FORMAT. */
    public static final CdbField DEFECT_LIST_FORMAT = CdbField.bits("DEFECT LIST FORMAT", 1, 2, 3);
    /** ADDRESS DESCRIPTOR INDEX. */
    public static final CdbField ADDRESS_DESCRIPTOR_INDEX = CdbField.bytes("ADDRESS DESCRIPTOR INDEX", 2, 4);
    /** ALLOCATION LENGTH. */
    public static final CdbField ALLOCATION_LENGTH =
            CdbField.bytes("ALLOCATION LENGTH", 6, 4).as(CdbField.Role.ALLOCATION_LENGTH);

    /** Operation code B7h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("READ DEFECT DATA(12)", 0xB7, 12)
            .fields(REQ_PLIST, REQ_GLIST, DEFECT_LIST_FORMAT, ADDRESS_DESCRIPTOR_INDEX, ALLOCATION_LENGTH)
            .direction(DataDirection.IN)
            .reservationClass(ReservationClass.READ)
            .build();

    private ReadDefectData12() {
    }

    /** The command. */
    public static Command command() {
        return new Command(DESCRIPTOR, context -> {
            Cdb cdb = context.cdb();
            int format = DefectListFormat.check(cdb, DEFECT_LIST_FORMAT);
            byte[] header = new byte[8];
            header[1] = (byte) ((cdb.flag(REQ_PLIST) ? 0x10 : 0) | (cdb.flag(REQ_GLIST) ? 0x08 : 0) | format);
            return CommandResult.data(header);
        });
    }
}
