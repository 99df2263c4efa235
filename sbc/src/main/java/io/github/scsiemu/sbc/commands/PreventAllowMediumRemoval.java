package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandResult;

/**
 * PREVENT ALLOW MEDIUM REMOVAL (SBC-4 5.14): PREVENT 01b makes the requesting I_T nexus prevent medium removal,
 * 00b ends its prevention; medium removal is prevented while any nexus prevents it. The prevention of a nexus ends
 * also when the nexus is lost and on a logical unit reset. PREVENT 10b and 11b (obsolete) are invalid fields. It runs
 * while the disk is not ready, except during a format or sanitize.
 *
 * <p>Reservation class: ALWAYS with PREVENT 00b, WRITE otherwise (SBC-4 table 13).
 */
public final class PreventAllowMediumRemoval {

    /** PREVENT. */
    public static final CdbField PREVENT = CdbField.bits("PREVENT", 4, 1, 2);

    /** Operation code 1Eh. */
    public static final CommandDescriptor DESCRIPTOR =
            CommandDescriptor.builder("PREVENT ALLOW MEDIUM REMOVAL", 0x1E, 6)
                    .fields(PREVENT)
                    .flags(CommandFlag.ALLOWED_WHEN_NOT_READY)
                    .reservationClass(ReservationClass.WRITE)
                    .reservationClassifier(cdb -> cdb.get(PREVENT) == 0 ? ReservationClass.ALWAYS
                            : ReservationClass.WRITE)
                    .build();

    private PreventAllowMediumRemoval() {
    }

    /** The command, acting on {@code disk}. */
    public static Command command(Disk disk) {
        return new Command(DESCRIPTOR, context -> {
            disk.state().checkNoOperationInProgress();
            long prevent = context.cdb().get(PREVENT);
            if (prevent > 1) {
                throw CheckConditionException.invalidField(PREVENT);
            }
            disk.state().preventRemoval(context.nexus(), prevent == 1);
            return CommandResult.good();
        });
    }
}
