package io.github.scsiemu.spc.inquiry;

import io.github.scsiemu.api.DataDirection;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.cdb.CdbField;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.api.cdb.CommandFlag;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.spc.CheckConditionException;
import io.github.scsiemu.spc.CommandContext;
import io.github.scsiemu.spc.CommandResult;
import io.github.scsiemu.spc.LunInventory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * REPORT LUNS (A0h, SPC-4 6.33): the logical unit inventory of the target, as eight-byte LUNs after an eight-byte
 * header (LUN LIST LENGTH, then four reserved bytes). Completing it clears REPORTED LUNS DATA HAS CHANGED for the
 * nexus.
 */
public final class ReportLuns {

    /** SELECT REPORT. */
    public static final CdbField SELECT_REPORT = CdbField.bytes("SELECT REPORT", 2, 1);
    /** ALLOCATION LENGTH; at least 16. */
    public static final CdbField ALLOCATION_LENGTH =
            CdbField.bytes("ALLOCATION LENGTH", 6, 4).as(CdbField.Role.ALLOCATION_LENGTH);

    /** REPORT LUNS (A0h). */
    public static final CommandDescriptor DESCRIPTOR = CommandDescriptor.builder("REPORT LUNS", 0xA0, 12)
            .fields(SELECT_REPORT, ALLOCATION_LENGTH)
            .direction(DataDirection.IN)
            .flags(CommandFlag.ALLOWED_WITH_PENDING_UNIT_ATTENTION, CommandFlag.ALLOWED_WHEN_NOT_READY, CommandFlag.ALLOWED_IN_STANDBY, CommandFlag.ALLOWED_IN_UNAVAILABLE, CommandFlag.ALLOWED_WHILE_TRANSITIONING)
            .reservationClass(ReservationClass.ALWAYS)
            .build();

    /** SELECT REPORT 00h: the logical units of the inventory, without well-known logical units. */
    public static final int SELECT_LOGICAL_UNITS = 0x00;
    /** SELECT REPORT 01h: the well-known logical units only. */
    public static final int SELECT_WELL_KNOWN = 0x01;
    /** SELECT REPORT 02h: all logical units, well-known ones included. */
    public static final int SELECT_ALL = 0x02;
    /** The smallest ALLOCATION LENGTH accepted: the header and one LUN. */
    public static final int MINIMUM_ALLOCATION_LENGTH = 16;

    private ReportLuns() {
    }

    static CommandResult handle(CommandContext context) {
        LunInventory inventory = context.logicalUnit().inventory();
        List<Lun> luns = new ArrayList<>();
        switch (context.cdb().getInt(SELECT_REPORT)) {
            case SELECT_LOGICAL_UNITS:
                luns.addAll(inventory.luns());
                break;
            case SELECT_WELL_KNOWN:
                luns.addAll(inventory.wellKnownLuns());
                break;
            case SELECT_ALL:
                luns.addAll(inventory.luns());
                luns.addAll(inventory.wellKnownLuns());
                break;
            default:
                throw CheckConditionException.invalidField(SELECT_REPORT);
        }
        if (context.cdb().get(ALLOCATION_LENGTH) < MINIMUM_ALLOCATION_LENGTH) {
            throw CheckConditionException.invalidField(ALLOCATION_LENGTH);
        }
        context.logicalUnit().unitAttentions().clear(context.nexus(), AdditionalSense.REPORTED_LUNS_DATA_HAS_CHANGED);
        return CommandResult.data(encode(luns));
    }

    /** The parameter data for a list of LUNs. */
    public static byte[] encode(List<Lun> luns) {
        ByteBuffer b = ByteBuffer.allocate(8 + 8 * luns.size());
        b.putInt(8 * luns.size());
        b.putInt(0);
        for (Lun lun : luns) {
            b.putLong(lun.value());
        }
        return b.array();
    }
}
