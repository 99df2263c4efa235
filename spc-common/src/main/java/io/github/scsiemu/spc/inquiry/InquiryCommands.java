package io.github.scsiemu.spc.inquiry;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import io.github.scsiemu.spc.DeviceServer;
import java.util.List;

/**
 * INQUIRY (SPC-4 6.6) and, from {@link ReportLuns}, REPORT LUNS (SPC-4 6.33): the commands through which an
 * application client learns what a logical unit is and which logical units a target has. Both are answered with a
 * unit attention pending and when the logical unit is not ready, and neither reports nor clears a unit attention
 * other than the one REPORT LUNS is defined to clear.
 */
public final class InquiryCommands {

    /** EVPD: return the vital product data page named by PAGE CODE. CMDDT (byte 1 bit 1) is obsolete: reserved. */
    public static final CdbField EVPD = CdbField.bit("EVPD", 1, 0);
    /** PAGE CODE. */
    public static final CdbField PAGE_CODE = CdbField.bytes("PAGE CODE", 2, 1);
    /** ALLOCATION LENGTH, two bytes since SPC-3. */
    public static final CdbField ALLOCATION_LENGTH =
            CdbField.bytes("ALLOCATION LENGTH", 3, 2).as(CdbField.Role.ALLOCATION_LENGTH);

    /** INQUIRY (12h). */
    public static final CommandDescriptor INQUIRY = CommandDescriptor.builder("INQUIRY", 0x12, 6)
            .fields(EVPD, PAGE_CODE, ALLOCATION_LENGTH)
            .direction(DataDirection.IN)
            .flags(CommandFlag.ALLOWED_WITH_PENDING_UNIT_ATTENTION, CommandFlag.ALLOWED_WHEN_NOT_READY, CommandFlag.ALLOWED_IN_STANDBY, CommandFlag.ALLOWED_IN_UNAVAILABLE, CommandFlag.ALLOWED_WHILE_TRANSITIONING)
            .reservationClass(ReservationClass.ALWAYS)
            .build();

    private InquiryCommands() {
    }

    /** The commands, ready for a {@link io.github.scsiemu.spc.CommandSet}. */
    public static List<Command> commands() {
        return List.of(
                new Command(INQUIRY, InquiryCommands::inquiry),
                new Command(ReportLuns.DESCRIPTOR, ReportLuns::handle));
    }

    /**
     * INQUIRY (SPC-4 6.6.1): standard data when EVPD is zero (PAGE CODE must then be zero), otherwise the VPD page
     * from the logical unit's registry. A logical unit whose peripheral qualifier is 011b (the stand-in for an
     * absent LUN) has no vital product data: EVPD ends with LOGICAL UNIT NOT SUPPORTED.
     */
    static CommandResult inquiry(CommandContext context) {
        DeviceServer lu = context.logicalUnit();
        VpdPageRegistry registry = lu.vpdPages();
        int pageCode = context.cdb().getInt(PAGE_CODE);
        if (!context.cdb().flag(EVPD)) {
            if (pageCode != 0) {
                throw CheckConditionException.invalidField(PAGE_CODE);
            }
            boolean multiPort = ScsiPortsPage.reachablePorts(context).size() > 1;
            return CommandResult.data(StandardInquiryData.encode(lu.identity(), registry.peripheralQualifier(context),
                    registry.targetPortGroupSupport(context), multiPort));
        }
        if (registry.peripheralQualifier() == PeripheralQualifier.NOT_CAPABLE) {
            throw CheckConditionException.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.LOGICAL_UNIT_NOT_SUPPORTED);
        }
        return CommandResult.data(registry.encode(pageCode, context)
                .orElseThrow(() -> CheckConditionException.invalidField(PAGE_CODE)));
    }
}
