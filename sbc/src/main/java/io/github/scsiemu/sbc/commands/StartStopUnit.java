package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sbc.DiskState;
import io.github.scsiemu.sbc.PowerCondition;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;

/**
 * START STOP UNIT (SBC-4 5.25): selects a power condition, or starts or stops the logical unit and loads or ejects
 * a removable medium. It runs while the disk is not ready, except during a format or sanitize.
 *
 * <p>POWER CONDITION other than 0h (START_VALID): START and LOEJ are ignored, the condition is recorded and, except
 * for LU_CONTROL, the stopped condition ends (see {@link DiskState#powerCondition(PowerCondition)}). A reserved or
 * obsolete POWER CONDITION, or a POWER CONDITION MODIFIER the condition does not define, is an invalid field in the
 * CDB.
 *
 * <p>POWER CONDITION 0h: LOEJ=0 starts (START=1) or stops (START=0; medium access then ends with NOT READY,
 * INITIALIZING COMMAND REQUIRED until started). LOEJ=1 loads the medium and starts (START=1) or stops and ejects it
 * (START=0); on a disk whose medium is not removable LOEJ is an invalid field; while an I_T nexus prevents medium
 * removal either ends with ILLEGAL REQUEST, MEDIUM REMOVAL PREVENTED. Unless NO_FLUSH is set, stopping or ejecting
 * first makes cached writes durable. The command completes its effect before status in either case, so IMMED
 * changes nothing.
 *
 * <p>Reservation class: ALWAYS with START=1 and POWER CONDITION 0h, WRITE otherwise (SBC-4 table 13).
 */
public final class StartStopUnit {

    /** IMMED. */
    public static final CdbField IMMED = CdbField.bit("IMMED", 1, 0);
    /** POWER CONDITION MODIFIER. */
    public static final CdbField POWER_CONDITION_MODIFIER = CdbField.bits("POWER CONDITION MODIFIER", 3, 3, 4);
    /** POWER CONDITION. */
    public static final CdbField POWER_CONDITION = CdbField.bits("POWER CONDITION", 4, 7, 4);
    /** NO_FLUSH. */
    public static final CdbField NO_FLUSH = CdbField.bit("NO_FLUSH", 4, 2);
    /** LOEJ (load eject). */
    public static final CdbField LOEJ = CdbField.bit("LOEJ", 4, 1);
    /** START. */
    public static final CdbField START = CdbField.bit("START", 4, 0);

    /** Operation code 1Bh. */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("START STOP UNIT", 0x1B, 6)
            .fields(IMMED, POWER_CONDITION_MODIFIER, POWER_CONDITION, NO_FLUSH, LOEJ, START)
            .flags(CommandFlag.ALLOWED_WHEN_NOT_READY)
            .reservationClass(ReservationClass.WRITE)
            .reservationClassifier(StartStopUnit::reservationClass)
            .build();

    private StartStopUnit() {
    }

    private static ReservationClass reservationClass(Cdb cdb) {
        return cdb.flag(START) && cdb.get(POWER_CONDITION) == 0 ? ReservationClass.ALWAYS : ReservationClass.WRITE;
    }

    /** The command, acting on {@code disk}. */
    public static Command command(Disk disk) {
        return new Command(DESCRIPTOR, context -> execute(context, disk));
    }

    private static CommandResult execute(CommandContext context, Disk disk) {
        Cdb cdb = context.cdb();
        DiskState state = disk.state();
        state.checkNoOperationInProgress();
        PowerCondition condition = PowerCondition.of(cdb.getInt(POWER_CONDITION))
                .orElseThrow(() -> CheckConditionException.invalidField(POWER_CONDITION));
        if (cdb.get(POWER_CONDITION_MODIFIER) > condition.maximumModifier()) {
            throw CheckConditionException.invalidField(POWER_CONDITION_MODIFIER);
        }
        if (condition != PowerCondition.START_VALID) {
            state.powerCondition(condition);
            return CommandResult.good();
        }
        boolean start = cdb.flag(START);
        boolean loej = cdb.flag(LOEJ);
        if (loej && !disk.config().removable()) {
            throw CheckConditionException.invalidField(LOEJ);
        }
        if (!start && !cdb.flag(NO_FLUSH) && state.mediumPresent()) {
            disk.medium().synchronize(0, disk.medium().capacity());
        }
        if (loej && start) {
            state.load(context.nexus());
        } else if (loej) {
            state.ejectByCommand();
        } else if (start) {
            state.start();
        } else {
            state.stop();
        }
        return CommandResult.good();
    }
}
