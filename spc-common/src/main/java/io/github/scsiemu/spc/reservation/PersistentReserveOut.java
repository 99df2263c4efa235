package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import java.util.ArrayList;
import java.util.List;

/**
 * PERSISTENT RESERVE OUT (5Fh, SPC-4 6.16): one declaration per supported service action, each of class
 * {@link ReservationClass#PERSISTENT_RESERVE_OUT} so the reservation gate applies SPC-4 table 66, processed in the
 * standby asymmetric access state (SPC-4 5.15.2.4.4) and while the logical unit is not ready.
 */
public final class PersistentReserveOut {

    /** The operation code. */
    public static final int OPERATION_CODE = 0x5F;
    /** SERVICE ACTION (byte 1 bits 4-0). */
    public static final CdbField SERVICE_ACTION = CdbField.bits("SERVICE ACTION", 1, 4, 5);
    /** SCOPE (byte 2 bits 7-4). */
    public static final CdbField SCOPE = CdbField.bits("SCOPE", 2, 7, 4);
    /** TYPE (byte 2 bits 3-0). */
    public static final CdbField TYPE = CdbField.bits("TYPE", 2, 3, 4);
    /** PARAMETER LIST LENGTH (bytes 5-8). */
    public static final CdbField PARAMETER_LIST_LENGTH =
            CdbField.bytes("PARAMETER LIST LENGTH", 5, 4).as(CdbField.Role.PARAMETER_LIST_LENGTH);

    private PersistentReserveOut() {
    }

    /** The declaration of one service action. */
    public static CommandDescriptor descriptor(OutServiceAction sa) {
        return CommandDescriptor.builder("PERSISTENT RESERVE OUT " + sa.name().replace('_', ' '), OPERATION_CODE, 10)
                .serviceAction(sa.code(), SERVICE_ACTION)
                .fields(SCOPE, TYPE, PARAMETER_LIST_LENGTH)
                .direction(DataDirection.OUT)
                .flags(CommandFlag.ALLOWED_IN_STANDBY, CommandFlag.ALLOWED_WHEN_NOT_READY)
                .reservationClass(ReservationClass.PERSISTENT_RESERVE_OUT)
                .build();
    }

    static List<Command> commands(PersistentReservations reservations) {
        List<Command> commands = new ArrayList<>();
        for (OutServiceAction sa : OutServiceAction.values()) {
            commands.add(new Command(descriptor(sa), context -> handle(reservations, sa, context)));
        }
        return commands;
    }

    private static CommandResult handle(PersistentReservations reservations, OutServiceAction sa,
            CommandContext context) {
        long declared = context.cdb().get(PARAMETER_LIST_LENGTH);
        byte[] data = declared <= ParameterList.MAX_LENGTH ? context.parameterList() : new byte[0];
        int scope = context.cdb().getInt(SCOPE);
        int type = context.cdb().getInt(TYPE);
        if (sa == OutServiceAction.REGISTER_AND_MOVE) {
            MoveParameterList m = MoveParameterList.decode(data, declared);
            return reservations.apply(context,
                    s -> ServiceActionSemantics.registerAndMove(s, context.nexus(), m, reservations::targetPort));
        }
        ParameterList p = ParameterList.decode(data, declared, sa);
        if (sa == OutServiceAction.REPLACE_LOST_RESERVATION) {
            return reservations.replaceLostReservation(context, scope, type, p);
        }
        return reservations.apply(context, s -> switch (sa) {
            case REGISTER -> ServiceActionSemantics.register(s, context.nexus(), p, false);
            case REGISTER_AND_IGNORE_EXISTING_KEY -> ServiceActionSemantics.register(s, context.nexus(), p, true);
            case RESERVE -> ServiceActionSemantics.reserve(s, context.nexus(), scope, type, p);
            case RELEASE -> ServiceActionSemantics.release(s, context.nexus(), scope, type, p);
            case CLEAR -> ServiceActionSemantics.clear(s, context.nexus(), p);
            case PREEMPT -> ServiceActionSemantics.preempt(s, context.nexus(), scope, type, p, false);
            case PREEMPT_AND_ABORT -> ServiceActionSemantics.preempt(s, context.nexus(), scope, type, p, true);
            case REGISTER_AND_MOVE, REPLACE_LOST_RESERVATION -> throw new AssertionError("handled above");
        });
    }
}
