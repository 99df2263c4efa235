package io.github.scsiemu.conformance;

import io.github.scsiemu.conformance.junit.ConformanceTests;
import io.github.scsiemu.conformance.suites.AsymmetricAccessSuite;
import io.github.scsiemu.conformance.suites.PersistentReservationSuite;
import java.util.List;

/**
 * The multipath and reservation client scenarios against our disk with asymmetric access on two target port groups
 * (the two-disk target has one group only, so its ALUA checks are unsupported there).
 */
class AluaDiskConformanceTest extends ConformanceTests {

    @Override
    protected TargetUnderTest createTarget() {
        return OurTargets.aluaTarget();
    }

    @Override
    protected List<Suite> suites() {
        return List.of(new AsymmetricAccessSuite(), new PersistentReservationSuite());
    }
}
