package io.github.scsiemu.spc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.CommandTimeouts;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import io.github.scsiemu.spc.CommandSet;
import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * REPORT SUPPORTED OPERATION CODES (SPC-4 6.35), generated from the command declarations: the all-commands and
 * one-command forms, command timeouts descriptors (RCTD), and CDB usage data equal to what validation accepts.
 */
public final class SupportedOperationCodes {

    public static final CdbField RCTD = CdbField.bit("RCTD", 2, 7);
    public static final CdbField REPORTING_OPTIONS = CdbField.bits("REPORTING OPTIONS", 2, 2, 3);
    public static final CdbField REQUESTED_OPERATION_CODE = CdbField.bytes("REQUESTED OPERATION CODE", 3, 1);
    public static final CdbField REQUESTED_SERVICE_ACTION = CdbField.bytes("REQUESTED SERVICE ACTION", 4, 2);
    public static final CdbField ALLOCATION_LENGTH =
            CdbField.bytes("ALLOCATION LENGTH", 6, 4).as(CdbField.Role.ALLOCATION_LENGTH);

    /** MAINTENANCE IN (A3h), service action 0Ch. */
    public static final CommandDescriptor DESCRIPTOR =
            CommandDescriptor.builder("REPORT SUPPORTED OPERATION CODES", 0xA3, 12)
                    .serviceAction(0x0C, CdbField.bits("SERVICE ACTION", 1, 4, 5))
                    .fields(RCTD, REPORTING_OPTIONS, REQUESTED_OPERATION_CODE, REQUESTED_SERVICE_ACTION,
                            ALLOCATION_LENGTH)
                    .direction(DataDirection.IN)
                    .flags(CommandFlag.ALLOWED_WHEN_NOT_READY)
                    .reservationClass(ReservationClass.READ)
                    .build();

    private static final int SUPPORT_NOT_SUPPORTED = 0b001;
    private static final int SUPPORT_STANDARD = 0b011;

    private SupportedOperationCodes() {
    }

    static CommandResult handle(CommandContext context) {
        boolean rctd = context.cdb().flag(RCTD);
        int options = context.cdb().getInt(REPORTING_OPTIONS);
        CommandSet set = context.logicalUnit().commands();
        int opcode = context.cdb().getInt(REQUESTED_OPERATION_CODE);
        int sa = context.cdb().getInt(REQUESTED_SERVICE_ACTION);
        switch (options) {
            case 0b000:
                return CommandResult.data(allCommands(set, rctd));
            case 0b001:
                // One command without service action; an operation code that has service actions is an error.
                if (set.hasServiceActions(opcode)) {
                    throw CheckConditionException.invalidField(REQUESTED_OPERATION_CODE);
                }
                return CommandResult.data(oneCommand(set.find(opcode), rctd));
            case 0b010:
                // One command with service action; an operation code without service actions is an error.
                if (set.find(opcode).isPresent()) {
                    throw CheckConditionException.invalidField(REQUESTED_OPERATION_CODE);
                }
                return CommandResult.data(oneCommand(set.find(opcode, sa), rctd));
            case 0b011:
                // SPC-4 r37: the service action applies only if the operation code has service actions.
                return CommandResult.data(oneCommand(
                        set.hasServiceActions(opcode) ? set.find(opcode, sa) : set.find(opcode), rctd));
            default:
                throw CheckConditionException.invalidField(REPORTING_OPTIONS);
        }
    }

    private static byte[] allCommands(CommandSet set, boolean rctd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[4], 0, 4);
        for (Command c : set.commands()) {
            CommandDescriptor d = c.descriptor();
            out.write(d.operationCode());
            out.write(0);
            int sa = d.serviceAction().orElse(0);
            out.write(sa >> 8);
            out.write(sa);
            out.write(0);
            out.write((rctd ? 0x02 : 0) | (d.serviceAction().isPresent() ? 0x01 : 0));
            out.write(d.cdbLength() >> 8);
            out.write(d.cdbLength());
            if (rctd) {
                writeTimeouts(out, d.timeouts());
            }
        }
        byte[] data = out.toByteArray();
        int length = data.length - 4;
        data[0] = (byte) (length >>> 24);
        data[1] = (byte) (length >>> 16);
        data[2] = (byte) (length >>> 8);
        data[3] = (byte) length;
        return data;
    }

    private static byte[] oneCommand(Optional<Command> command, boolean rctd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (command.isEmpty()) {
            out.write(0);
            out.write(SUPPORT_NOT_SUPPORTED);
            out.write(0);
            out.write(0);
            return out.toByteArray();
        }
        CommandDescriptor d = command.get().descriptor();
        byte[] usage = d.usageData();
        out.write(0);
        out.write((rctd ? 0x80 : 0) | SUPPORT_STANDARD);
        out.write(usage.length >> 8);
        out.write(usage.length);
        out.write(usage, 0, usage.length);
        if (rctd) {
            writeTimeouts(out, d.timeouts());
        }
        return out.toByteArray();
    }

    /** The command timeouts descriptor (SPC-4 6.35.4): length 000Ah, then the two timeouts. */
    private static void writeTimeouts(ByteArrayOutputStream out, CommandTimeouts t) {
        out.write(0x00);
        out.write(0x0A);
        out.write(0);
        out.write(0);
        writeInt(out, t.nominalSeconds());
        writeInt(out, t.recommendedSeconds());
    }

    private static void writeInt(ByteArrayOutputStream out, long v) {
        out.write((int) (v >>> 24));
        out.write((int) (v >>> 16));
        out.write((int) (v >>> 8));
        out.write((int) v);
    }
}
