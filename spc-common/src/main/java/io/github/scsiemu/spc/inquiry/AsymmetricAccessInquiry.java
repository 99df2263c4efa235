package io.github.scsiemu.spc.inquiry;

import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.spc.Command;
import io.github.scsiemu.spc.DeviceServer;
import java.util.Optional;

/**
 * What standard INQUIRY data and the VPD page headers report about asymmetric logical unit access (SPC-4 5.15.2):
 * the TPGS field (SPC-4 6.6.2) and, through a target port in the unavailable primary target port asymmetric access
 * state, PERIPHERAL QUALIFIER 001b (SPC-4 5.15.2.4.5).
 *
 * <p>The engine finds it as the handler of REPORT TARGET PORT GROUPS (MAINTENANCE IN, A3h, service action 0Ah): the
 * command SPC-4 6.37 makes mandatory whenever TPGS is not zero. A logical unit therefore claims asymmetric access
 * exactly when it supports that command, and the claim always follows the state that command reports.
 */
public interface AsymmetricAccessInquiry {

    /** The MAINTENANCE IN operation code (SPC-4 4.2.2.3.3). */
    int MAINTENANCE_IN = 0xA3;
    /** The REPORT TARGET PORT GROUPS service action (SPC-4 6.37). */
    int REPORT_TARGET_PORT_GROUPS = 0x0A;

    /** The TPGS field of standard INQUIRY data. */
    TargetPortGroupSupport targetPortGroupSupport();

    /** Whether commands received through {@code port} see the unavailable state (SPC-4 5.15.2.4.5). */
    boolean unavailableThrough(TargetPort port);

    /** The claims of a logical unit, if its REPORT TARGET PORT GROUPS handler makes them. */
    static Optional<AsymmetricAccessInquiry> of(DeviceServer logicalUnit) {
        return logicalUnit.commands().find(MAINTENANCE_IN, REPORT_TARGET_PORT_GROUPS)
                .map(Command::handler)
                .filter(AsymmetricAccessInquiry.class::isInstance)
                .map(AsymmetricAccessInquiry.class::cast);
    }
}
