package io.github.scsiemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.LogicalUnit;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.conformance.suites.AsymmetricAccessSuite;
import io.github.scsiemu.conformance.suites.PersistentReservationSuite;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseFormat;
import io.github.scsiemu.sense.SenseKey;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Self-tests of the client scenario suites: a target broken in the way real targets have been (one that ignores
 * reservations, one that reports standby paths as ready, one that does not support PR at all) fails, or skips,
 * exactly the check about it.
 */
class ClientScenariosCanFailTest {

    private static final RunSettings SETTINGS = RunSettings.withSeed(20260101L);

    private static Check check(Suite suite, String name) {
        return suite.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static TargetUnderTest alua(BiFunction<ScsiRequest, LogicalUnit, ScsiResponse> behaviour) {
        return OurTargets.single("broken ALUA disk", new Tampered(OurTargets.aluaDisk(), behaviour))
                .withTargetPorts(List.of(OurTargets.ALUA_PORT_A, OurTargets.ALUA_PORT_B));
    }

    private static String failure(CheckOutcome outcome) {
        assertThat(outcome).isInstanceOf(CheckOutcome.Failed.class);
        return ((CheckOutcome.Failed) outcome).details();
    }

    @Test
    void theUntamperedDisksPassTheScenarios() {
        for (Check c : new PersistentReservationSuite().checks()) {
            assertThat(c.run(OurTargets.single("disk", OurTargets.sbcDisk("SN1")), SETTINGS)).as(c.name())
                    .isInstanceOf(CheckOutcome.Passed.class);
        }
        for (Check c : new AsymmetricAccessSuite().checks()) {
            assertThat(c.run(alua((r, lu) -> lu.execute(r)), SETTINGS)).as(c.name())
                    .isInstanceOf(CheckOutcome.Passed.class);
        }
    }

    @Test
    void aTargetThatIgnoresReservationsFailsFenceScsi() {
        BiFunction<ScsiRequest, LogicalUnit, ScsiResponse> ignoring = (request, lu) -> {
            ScsiResponse r = lu.execute(request);
            return r.status() == Status.RESERVATION_CONFLICT
                    ? ScsiResponse.status(Status.GOOD, request.expectedDataInLength(), 0) : r;
        };
        String details = failure(check(new PersistentReservationSuite(), "fenceScsiUnfencesFencesAndReportsStatus")
                .run(OurTargets.single("ignores reservations", new Tampered(OurTargets.sbcDisk("SN1"), ignoring)),
                        SETTINGS));
        assertThat(details).startsWith("violates SPC-4 5.13.7-5.13.11, pr-alua.md 3.1: ")
                .contains("a fenced node cannot write", "expected RESERVATION CONFLICT", "CDB: 2A");
        assertThat(check(new PersistentReservationSuite(), "windowsClusterValidationSequencePasses")
                .run(OurTargets.single("ignores reservations", new Tampered(OurTargets.sbcDisk("SN1"), ignoring)),
                        SETTINGS)).isInstanceOf(CheckOutcome.Failed.class);
    }

    @Test
    void aTargetThatNotifiesTheIssuerOfItsOwnReleaseFailsLibiscsiOwnership() {
        // fujita/tgt's inverted recipient set: the unregistering holder gets RESERVATIONS RELEASED itself.
        AtomicReference<Nexus> notified = new AtomicReference<>();
        BiFunction<ScsiRequest, LogicalUnit, ScsiResponse> inverted = (request, lu) -> {
            byte[] cdb = request.cdb();
            if (request.nexus().equals(notified.get()) && cdb[0] != 0x12) {
                notified.set(null);
                return ScsiResponse.checkCondition(SenseData.of(SenseKey.UNIT_ATTENTION,
                        AdditionalSense.RESERVATIONS_RELEASED), SenseFormat.FIXED, request.expectedDataInLength(),
                        request.dataOutLength());
            }
            ByteBuffer params = request.dataOut().duplicate();
            boolean unregister = (cdb[0] & 0xFF) == 0x5F && (cdb[1] & 0x1F) == 0 && params.remaining() >= 16
                    && params.getLong(params.position()) != 0 && params.getLong(params.position() + 8) == 0;
            ScsiResponse r = lu.execute(request);
            if (unregister && r.status() == Status.GOOD) {
                notified.set(request.nexus());
            }
            return r;
        };
        String details = failure(check(new PersistentReservationSuite(),
                "libiscsiProutRegisterAndReserveOwnershipLeaveNoUnitAttentionOnTheIssuer")
                .run(OurTargets.single("tgt-like", new Tampered(OurTargets.sbcDisk("SN1"), inverted)), SETTINGS));
        assertThat(details).startsWith("violates SPC-4 5.13.7, 5.13.11.2.3, pr-alua.md 3.7: ")
                .contains("UNIT ATTENTION", "2Ah/04h");
    }

    @Test
    void aStandbyPathThatReportsReadyFailsTheTurChecker() {
        String details = failure(check(new AsymmetricAccessSuite(), "multipathTurCheckerSeesStandbyPathsAsGhosts")
                .run(alua((request, lu) -> {
                    ScsiResponse r = lu.execute(request);
                    boolean standby = r.sense().filter(d -> d.senseKey() == SenseKey.NOT_READY && d.additionalSense()
                            .equals(AdditionalSense.LOGICAL_UNIT_NOT_READY_TARGET_PORT_IN_STANDBY_STATE)).isPresent();
                    return request.cdb()[0] == 0x00 && standby ? ScsiResponse.status(Status.GOOD, 0, 0) : r;
                }), SETTINGS));
        assertThat(details).contains("SPC-4 5.16.2.4.4: TEST UNIT READY on a standby path",
                "expected CHECK CONDITION, NOT READY");
    }

    @Test
    void aLogicalUnitWithoutPersistentReservationsMakesTheScenariosUnsupported() {
        for (Check c : new PersistentReservationSuite().checks()) {
            assertThat(c.run(OurTargets.single("bare", OurTargets.plainDisk("SN2")), SETTINGS)).as(c.name())
                    .isInstanceOf(CheckOutcome.Unsupported.class);
        }
    }
}
