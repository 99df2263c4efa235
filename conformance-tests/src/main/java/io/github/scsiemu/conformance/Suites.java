package io.github.scsiemu.conformance;

import io.github.scsiemu.conformance.suites.AsymmetricAccessSuite;
import io.github.scsiemu.conformance.suites.BlockDeviceSuite;
import io.github.scsiemu.conformance.suites.DeclarationsSuite;
import io.github.scsiemu.conformance.suites.InquirySuite;
import io.github.scsiemu.conformance.suites.LogicalBlockProvisioningSuite;
import io.github.scsiemu.conformance.suites.MediumManagementSuite;
import io.github.scsiemu.conformance.suites.ModeSenseSuite;
import io.github.scsiemu.conformance.suites.PersistentReservationSuite;
import io.github.scsiemu.conformance.suites.ReportLunsSuite;
import io.github.scsiemu.conformance.suites.ThirdPartyCopySuite;
import io.github.scsiemu.conformance.suites.UnitAttentionSuite;
import io.github.scsiemu.conformance.suites.WriteVariantsSuite;
import java.util.List;

/** The suites of this release, in the order the runner runs them. */
public final class Suites {

    private Suites() {
    }

    /**
     * Every suite: declarations, INQUIRY and VPD, REPORT LUNS, unit attentions, MODE SENSE and SELECT, block devices,
     * logical block provisioning, persistent reservations, asymmetric logical unit access, the other block
     * commands that write, medium management, third-party copy.
     */
    public static List<Suite> all() {
        return List.of(new DeclarationsSuite(), new InquirySuite(), new ReportLunsSuite(), new UnitAttentionSuite(),
                new ModeSenseSuite(), new BlockDeviceSuite(), new LogicalBlockProvisioningSuite(),
                new PersistentReservationSuite(), new AsymmetricAccessSuite(),
                new WriteVariantsSuite(), new MediumManagementSuite(), new ThirdPartyCopySuite());
    }
}
