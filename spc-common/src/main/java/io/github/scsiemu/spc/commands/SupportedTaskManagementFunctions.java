package io.github.scsiemu.spc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;

/**
 * REPORT SUPPORTED TASK MANAGEMENT FUNCTIONS (SPC-4 6.36): what the engine's task manager does. Every function
 * of SAM-5 but CLEAR ACA (NACA is not supported), TARGET RESET and WAKEUP (obsolete) is supported.
 */
public final class SupportedTaskManagementFunctions {

    public static final CdbField REPD = CdbField.bit("REPD", 2, 7);
    public static final CdbField ALLOCATION_LENGTH =
            CdbField.bytes("ALLOCATION LENGTH", 6, 4).as(CdbField.Role.ALLOCATION_LENGTH);

    /** MAINTENANCE IN (A3h), service action 0Dh. */
    public static final CommandDescriptor DESCRIPTOR =
            CommandDescriptor.builder("REPORT SUPPORTED TASK MANAGEMENT FUNCTIONS", 0xA3, 12)
                    .serviceAction(0x0D, CdbField.bits("SERVICE ACTION", 1, 4, 5))
                    .fields(REPD, ALLOCATION_LENGTH)
                    .direction(DataDirection.IN)
                    .flags(CommandFlag.ALLOWED_WHEN_NOT_READY)
                    .reservationClass(ReservationClass.READ)
                    .build();

    // Byte 0: ATS ATSS CACAS CTSS LURS QTS TRS WAKES
    private static final int BYTE0 = 0x80 | 0x40 | 0x10 | 0x08 | 0x04;
    // Byte 1: QAES QTSS ITNRS
    private static final int BYTE1 = 0x04 | 0x02 | 0x01;

    private SupportedTaskManagementFunctions() {
    }

    static CommandResult handle(CommandContext context) {
        if (!context.cdb().flag(REPD)) {
            return CommandResult.data(new byte[] {(byte) BYTE0, (byte) BYTE1, 0, 0});
        }
        // Extended format: ADDITIONAL DATA LENGTH 0Ch, no TMF timeouts reported (TMFTMOV = 0).
        byte[] data = new byte[16];
        data[0] = (byte) BYTE0;
        data[1] = (byte) BYTE1;
        data[3] = 0x0C;
        return CommandResult.data(data);
    }
}
