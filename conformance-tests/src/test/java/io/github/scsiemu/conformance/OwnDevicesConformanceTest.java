package io.github.scsiemu.conformance;

import io.github.scsiemu.conformance.junit.ConformanceTests;

/** Every suite against our own disk inside our own target: the suite as a user of it would run it. */
class OwnDevicesConformanceTest extends ConformanceTests {

    @Override
    protected TargetUnderTest createTarget() {
        return OurTargets.twoDiskTarget();
    }
}
