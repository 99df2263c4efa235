package io.github.scsiemu.conformance;

import io.github.scsiemu.conformance.suites.BlockDeviceSuite;
import io.github.scsiemu.conformance.suites.DeclarationsSuite;
import io.github.scsiemu.conformance.suites.InquirySuite;
import io.github.scsiemu.conformance.suites.LogicalBlockProvisioningSuite;
import io.github.scsiemu.conformance.suites.ModeSenseSuite;
import io.github.scsiemu.conformance.suites.ReportLunsSuite;
import io.github.scsiemu.conformance.suites.UnitAttentionSuite;
import java.util.List;

/** The suites of this release, in the order the runner runs them. */
public final class Suites {

    private Suites() {
    }

    /**
     * Every suite: declarations, INQUIRY and VPD, REPORT LUNS, unit attentions, MODE SENSE and SELECT, block devices,
     * logical block provisioning.
     */
    public static List<Suite> all() {
        return List.of(new DeclarationsSuite(), new InquirySuite(), new ReportLunsSuite(), new UnitAttentionSuite(),
                new ModeSenseSuite(), new BlockDeviceSuite(), new LogicalBlockProvisioningSuite());
    }
}
