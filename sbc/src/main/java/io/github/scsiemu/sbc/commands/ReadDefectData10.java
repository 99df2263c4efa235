package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandResult;

/**
 * READ DEFECT DATA (10) (SBC-4 5.19): the primary (REQ_PLIST) and grown (REQ_GLIST) defect lists. This disk has no
 * defects: the parameter data is the 4-byte header with PLISTV and GLISTV as requested, the requested DEFECT LIST
 * FORMAT (see {@link DefectListFormat}) and a DEFECT LIST LENGTH of zero.
 */
public final class ReadDefectData10 {

    /** REQ_PLIST. */
    public static final CdbField REQ_PLIST = CdbField.bit("REQ_PLIST", 2, 4);
    /** REQ_GLIST. */
    public static final CdbField REQ_GLIST = CdbField.bit("REQ_GLIST", 2, 3);
    /** DEFECT LIST FORMAT. */
    public static final CdbField DEFECT_LIST_FORMAT = CdbField.bits("DEFECT LIST FORMAT", 2, 2, 3);
    /** ALLOCATION LENGTH. */
    public static final CdbField ALLOCATION_LENGTH =
            CdbField.bytes("ALLOCATION LENGTH", 7, 2).as(CdbField.Role.ALLOCATION_LENGTH);

    /** Operation code 37h. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("READ DEFECT DATA(10)", 0x37, 10)
            .fields(REQ_PLIST, REQ_GLIST, DEFECT_LIST_FORMAT, ALLOCATION_LENGTH)
            .direction(DataDirection.IN)
            .reservationClass(ReservationClass.READ)
            .build();

    private ReadDefectData10() {
    }

    /** The command. */
    public static Command command() {
        return new Command(DESCRIPTOR, context -> {
            Cdb cdb = context.cdb();
            int format = DefectListFormat.check(cdb, DEFECT_LIST_FORMAT);
            byte[] header = new byte[4];
            header[1] = (byte) ((cdb.flag(REQ_PLIST) ? 0x10 : 0) | (cdb.flag(REQ_GLIST) ? 0x08 : 0) | format);
            return CommandResult.data(header);
        });
    }
}
