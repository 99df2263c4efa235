package io.github.scsiemu.spc.target;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.cdb.CommandDescriptor;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CommandSet;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.LogicalUnitIdentity;
import io.github.scsiemu.spc.LunInventory;
import io.github.scsiemu.spc.PeripheralDeviceType;
import io.github.scsiemu.spc.commands.CoreCommands;
import io.github.scsiemu.spc.inquiry.InquiryCommands;
import io.github.scsiemu.spc.inquiry.PeripheralQualifier;
import io.github.scsiemu.spc.inquiry.ReportLuns;
import io.github.scsiemu.spc.inquiry.VpdPageRegistry;
import java.util.Optional;
import java.util.Set;

/**
 * How a SCSI target device answers a command addressed to a LUN it does not have (SPC-4 4.3 and 6.6.2, SAM-5 5.9):
 * INQUIRY returns standard data with PERIPHERAL QUALIFIER 011b and PERIPHERAL DEVICE TYPE 1Fh (byte 0 = 7Fh) and
 * GOOD, while INQUIRY with EVPD ends with LOGICAL UNIT NOT SUPPORTED (there is no logical unit to have vital product
 * data); REPORT LUNS returns the target's inventory; REQUEST SENSE returns GOOD with ILLEGAL REQUEST, LOGICAL UNIT
 * NOT SUPPORTED; any other command ends, before any check of its CDB and with nothing transferred, with CHECK
 * CONDITION, ILLEGAL REQUEST, LOGICAL UNIT NOT SUPPORTED. An absent logical unit holds no unit attention conditions.
 *
 * <p>The three commands are answered by a {@link DeviceServer} standing in for the absent LUN, so CDB validation,
 * allocation length truncation and residuals are the engine's: it has only those shared commands, no power-on unit
 * attention, a registry that reports qualifier 011b, and readiness LOGICAL UNIT NOT SUPPORTED, which REQUEST SENSE
 * reports.
 */
final class AbsentLogicalUnit {

    static final SenseData NOT_SUPPORTED =
            SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.LOGICAL_UNIT_NOT_SUPPORTED);

    private static final Set<CommandDescriptor> ANSWERED =
            Set.of(InquiryCommands.INQUIRY, ReportLuns.DESCRIPTOR, CoreCommands.REQUEST_SENSE);

    private final DeviceServer standIn;

    AbsentLogicalUnit(LogicalUnitIdentity targetIdentity, LunInventory inventory) {
        this.standIn = DeviceServer.builder(targetIdentity.withDeviceType(PeripheralDeviceType.UNKNOWN))
                .sharedCommands(ANSWERED::contains)
                .withoutPowerOnUnitAttention()
                .vpdPages(VpdPageRegistry.builder().peripheralQualifier(PeripheralQualifier.NOT_CAPABLE).build())
                .readiness(() -> Optional.of(NOT_SUPPORTED))
                .build();
        standIn.attach(inventory);
    }

    ScsiResponse execute(ScsiRequest request) {
        if (!(standIn.commands().lookup(request.cdb()) instanceof CommandSet.Lookup.Found)) {
            return ScsiResponse.checkCondition(NOT_SUPPORTED, standIn.senseFormat(), request.expectedDataInLength(),
                    request.dataOutLength());
        }
        return standIn.execute(request);
    }

    /** Forgets what the stand-in knows of a nexus (nothing is pending for it: there is nothing to report). */
    void forget(Nexus nexus) {
        standIn.unitAttentions().forget(nexus);
    }
}
