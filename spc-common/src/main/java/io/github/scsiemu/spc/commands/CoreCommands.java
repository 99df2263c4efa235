package io.github.scsiemu.spc.commands;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseFormat;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import io.github.scsiemu.spc.DeviceServer;
import java.util.List;
import java.util.Optional;

/**
 * TEST UNIT READY (SPC-4 6.47) and REQUEST SENSE (SPC-4 6.39), plus the capability reports of
 * {@link SupportedOperationCodes} and {@link SupportedTaskManagementFunctions}.
 */
public final class CoreCommands {

    /** TEST UNIT READY: no fields; the gate does all the work. */
    public static final CommandDescriptor TEST_UNIT_READY = CommandDescriptor.builder("TEST UNIT READY", 0x00, 6)
            .reservationClass(ReservationClass.ALWAYS)
            .build();

    /** REQUEST SENSE DESC bit. */
    public static final CdbField DESC = CdbField.bit("DESC", 1, 0);
    /** REQUEST SENSE ALLOCATION LENGTH. */
    public static final CdbField REQUEST_SENSE_ALLOCATION_LENGTH =
            CdbField.bytes("ALLOCATION LENGTH", 4, 1).as(CdbField.Role.ALLOCATION_LENGTH);

    public static final CommandDescriptor REQUEST_SENSE = CommandDescriptor.builder("REQUEST SENSE", 0x03, 6)
            .fields(DESC, REQUEST_SENSE_ALLOCATION_LENGTH)
            .direction(DataDirection.IN)
            .flags(CommandFlag.ALLOWED_WITH_PENDING_UNIT_ATTENTION, CommandFlag.ALLOWED_WHEN_NOT_READY, CommandFlag.ALLOWED_IN_STANDBY, CommandFlag.ALLOWED_IN_UNAVAILABLE, CommandFlag.ALLOWED_WHILE_TRANSITIONING)
            .reservationClass(ReservationClass.ALWAYS)
            .build();

    private CoreCommands() {
    }

    /** The commands, ready for a {@link io.github.scsiemu.spc.CommandSet}. */
    public static List<Command> commands() {
        return List.of(
                new Command(TEST_UNIT_READY, context -> CommandResult.good()),
                new Command(REQUEST_SENSE, CoreCommands::requestSense),
                new Command(SupportedOperationCodes.DESCRIPTOR, SupportedOperationCodes::handle),
                new Command(SupportedTaskManagementFunctions.DESCRIPTOR, SupportedTaskManagementFunctions::handle));
    }

    /**
     * REQUEST SENSE (SPC-4 6.39): reports, and clears, the oldest pending unit attention; otherwise why the logical
     * unit is not ready (with any progress indication); otherwise NO SENSE. The status is GOOD; the format follows
     * the DESC bit.
     */
    static CommandResult requestSense(CommandContext context) {
        DeviceServer lu = context.logicalUnit();
        Optional<SenseData> sense = lu.unitAttentions().poll(context.nexus());
        if (sense.isEmpty()) {
            sense = lu.readiness().notReadyReason();
        }
        SenseData reported = sense.orElseGet(
                () -> SenseData.of(SenseKey.NO_SENSE, AdditionalSense.NO_ADDITIONAL_SENSE_INFORMATION));
        SenseFormat format = context.cdb().flag(DESC) ? SenseFormat.DESCRIPTOR : SenseFormat.FIXED;
        return CommandResult.data(reported.encode(format));
    }
}
