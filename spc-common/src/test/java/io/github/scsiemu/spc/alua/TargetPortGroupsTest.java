package io.github.scsiemu.spc.alua;

import static io.github.scsiemu.spc.alua.AluaFixture.A1;
import static io.github.scsiemu.spc.alua.AluaFixture.A3;
import static io.github.scsiemu.spc.alua.AluaFixture.ALL;
import static io.github.scsiemu.spc.alua.AluaFixture.B1;
import static io.github.scsiemu.spc.alua.AluaFixture.B3;
import static io.github.scsiemu.spc.alua.AluaFixture.assertGood;
import static io.github.scsiemu.spc.alua.AluaFixture.assertNotReady;
import static io.github.scsiemu.spc.alua.AluaFixture.drain;
import static io.github.scsiemu.spc.alua.AluaFixture.drainAll;
import static io.github.scsiemu.spc.alua.AluaFixture.send;
import static io.github.scsiemu.spc.alua.AluaFixture.setTargetPortGroups;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.inquiry.TargetPortGroupSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The target-wide model and its operator API: implicit changes, timed transitions, offline ports, unit attentions. */
class TargetPortGroupsTest {

    private static final AdditionalSense CHANGED = AdditionalSense.ASYMMETRIC_ACCESS_STATE_CHANGED;
    private static final AdditionalSense FAILED = new AdditionalSense(0x2A, 0x07);

    private ManualTransitionScheduler time;
    private TargetPortGroups groups;
    private DeviceServer lu0;
    private DeviceServer lu1;

    @BeforeEach
    void setUp() {
        time = new ManualTransitionScheduler();
        groups = AluaFixture.twoByTwo(time).implicitTransitionTime(Duration.ofSeconds(10)).build();
        lu0 = AluaFixture.logicalUnit(groups, "SN0");
        lu1 = AluaFixture.logicalUnit(groups, "SN1");
        drainAll(lu0);
        drainAll(lu1);
    }

    private void assertEveryNexusOfBothLogicalUnitsGot(AdditionalSense condition) {
        for (DeviceServer lu : List.of(lu0, lu1)) {
            for (Nexus n : ALL) {
                assertThat(drain(lu, n)).as("%s", n).containsExactly(condition);
            }
        }
    }

    @Test
    void implicitSetStateIsSeenAtOnceByEveryLogicalUnitWithStatusCode02() {
        groups.setState(2, AsymmetricAccessState.ACTIVE_OPTIMIZED);
        assertThat(groups.stateOf(3)).contains(AsymmetricAccessState.ACTIVE_OPTIMIZED);
        assertThat(groups.stateOf(4)).contains(AsymmetricAccessState.ACTIVE_OPTIMIZED);
        assertThat(groups.group(2).orElseThrow().statusCode())
                .isEqualTo(TargetPortGroupStatusCode.ALTERED_BY_IMPLICIT_BEHAVIOUR);
        assertEveryNexusOfBothLogicalUnitsGot(CHANGED);
        assertGood(send(lu0, A3, AluaFixture.mediumAccess()));
        assertGood(send(lu1, B3, AluaFixture.mediumAccess()));
    }

    @Test
    void settingTheCurrentStateIsNoChange() {
        groups.setState(1, AsymmetricAccessState.ACTIVE_OPTIMIZED);
        assertThat(groups.group(1).orElseThrow().statusCode()).isEqualTo(TargetPortGroupStatusCode.NO_STATUS);
        for (Nexus n : ALL) {
            assertThat(drain(lu0, n)).isEmpty();
        }
    }

    @Test
    void timedTransitionPassesThroughTransitioningAndNotifiesOnEntryAndCompletion() {
        groups.beginTransition(2, AsymmetricAccessState.ACTIVE_OPTIMIZED);
        assertThat(groups.group(2).orElseThrow().state()).isEqualTo(AsymmetricAccessState.TRANSITIONING);
        assertEveryNexusOfBothLogicalUnitsGot(CHANGED);
        assertNotReady(send(lu0, A3, AluaFixture.testUnitReady()), 0x0A);
        assertThat(AluaFixture.descriptorOf(send(lu0, A3, AluaFixture.rtpg(0, 4096)).dataInBytes(), 4, 2)[0])
                .isEqualTo(0xF);
        time.advance(Duration.ofMillis(9_999));
        assertThat(groups.group(2).orElseThrow().state()).isEqualTo(AsymmetricAccessState.TRANSITIONING);
        for (Nexus n : ALL) {
            assertThat(drain(lu0, n)).isEmpty();
        }
        time.advance(Duration.ofMillis(1));
        assertThat(groups.group(2).orElseThrow().state()).isEqualTo(AsymmetricAccessState.ACTIVE_OPTIMIZED);
        assertEveryNexusOfBothLogicalUnitsGot(CHANGED);
        assertGood(send(lu0, A3, AluaFixture.testUnitReady()));
    }

    @Test
    void aNewChangeAbandonsTheTransitionUnderWay() {
        groups.beginTransition(2, AsymmetricAccessState.ACTIVE_OPTIMIZED, Duration.ofSeconds(5));
        groups.setState(2, AsymmetricAccessState.UNAVAILABLE);
        assertThat(time.pending()).isZero();
        time.advance(Duration.ofSeconds(10));
        assertThat(groups.group(2).orElseThrow().state()).isEqualTo(AsymmetricAccessState.UNAVAILABLE);
    }

    @Test
    void failedImplicitTransitionEndsUnavailableWithItsOwnUnitAttention() {
        groups.beginTransition(2, AsymmetricAccessState.ACTIVE_OPTIMIZED);
        drainAll(lu0);
        drainAll(lu1);
        assertThat(groups.failTransition(2)).isTrue();
        assertThat(groups.group(2).orElseThrow().state()).isEqualTo(AsymmetricAccessState.UNAVAILABLE);
        assertEveryNexusOfBothLogicalUnitsGot(FAILED);
        time.advance(Duration.ofSeconds(60));
        assertThat(groups.group(2).orElseThrow().state()).isEqualTo(AsymmetricAccessState.UNAVAILABLE);
        assertThat(groups.failTransition(2)).isFalse();
    }

    @Test
    void offlinePortRefusesEverythingWhileTheRestOfItsGroupWorks() {
        assertThat(groups.takeOffline(1)).isTrue();
        assertThat(groups.takeOffline(1)).isFalse();
        for (Nexus n : List.of(AluaFixture.A2, A3, AluaFixture.A4, B3)) {
            assertThat(drain(lu0, n)).as("%s", n).containsExactly(CHANGED);
        }
        assertNotReady(send(lu0, A1, AluaFixture.inquiry()), 0x12);
        assertNotReady(send(lu0, B1, AluaFixture.requestSense()), 0x12);
        assertGood(send(lu0, AluaFixture.A2, AluaFixture.mediumAccess()));
        assertThat(groups.group(1).orElseThrow().relativeTargetPortIds()).containsExactly(1, 2);
        assertThat(groups.group(0xFFFF).orElseThrow().relativeTargetPortIds()).containsExactly(1);
        assertThat(groups.bringOnline(1)).isTrue();
        assertThat(drain(lu0, A1)).containsExactly(CHANGED); // pending since before it went offline
        assertThat(drain(lu0, AluaFixture.A2)).containsExactly(CHANGED);
        assertGood(send(lu0, A1, AluaFixture.mediumAccess()));
        assertThat(groups.group(0xFFFF)).isEmpty();
    }

    @Test
    void preferenceIsNotAStateChange() {
        groups.setPreferred(2, true);
        groups.setPreferred(1, false);
        assertThat(groups.group(2).orElseThrow().preferred()).isTrue();
        assertThat(groups.group(1).orElseThrow().preferred()).isFalse();
        for (Nexus n : ALL) {
            assertThat(drain(lu0, n)).isEmpty();
        }
    }

    @Test
    void statesSurviveLogicalUnitResetAndNexusLoss() {
        groups.setState(1, AsymmetricAccessState.STANDBY);
        lu0.nexusLost(A1);
        lu0.manage(io.github.scsiemu.api.TaskManagementRequest.of(B1, io.github.scsiemu.api.Lun.of(0),
                io.github.scsiemu.api.TaskManagementFunction.LOGICAL_UNIT_RESET));
        assertThat(groups.stateOf(1)).contains(AsymmetricAccessState.STANDBY);
        drainAll(lu0);
        assertNotReady(send(lu0, A1, AluaFixture.testUnitReady()), 0x0B);
    }

    @Test
    void explicitOnlyManagementRefusesTheImplicitOperatorApi() {
        TargetPortGroups explicitOnly = AluaFixture.twoByTwo(time)
                .targetPortGroupSupport(TargetPortGroupSupport.EXPLICIT).build();
        assertThatThrownBy(() -> explicitOnly.setState(2, AsymmetricAccessState.ACTIVE_OPTIMIZED))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> explicitOnly.beginTransition(2, AsymmetricAccessState.ACTIVE_OPTIMIZED))
                .isInstanceOf(IllegalStateException.class);
        DeviceServer lu = AluaFixture.logicalUnit(explicitOnly, "SN9");
        drainAll(lu);
        assertGood(setTargetPortGroups(lu, A3, 0x0, 2));
    }

    @Test
    void operatorApiRejectsStatesThatCannotBeSet() {
        for (AsymmetricAccessState s : List.of(AsymmetricAccessState.TRANSITIONING, AsymmetricAccessState.OFFLINE,
                AsymmetricAccessState.LOGICAL_BLOCK_DEPENDENT)) {
            assertThatThrownBy(() -> groups.setState(1, s)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> groups.setState(3, AsymmetricAccessState.STANDBY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> groups.takeOffline(9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderRejectsInconsistentConfigurations() {
        assertThatThrownBy(() -> TargetPortGroups.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TargetPortGroups.builder()
                .group(1, AsymmetricAccessState.ACTIVE_OPTIMIZED, 1)
                .group(2, AsymmetricAccessState.STANDBY, 1)).isInstanceOf(IllegalArgumentException.class);
        TargetPort wrongGroup = TargetPort.iscsi(AluaFixture.TARGET, 1, 1, 5);
        assertThatThrownBy(() -> TargetPortGroups.builder()
                .group(1, AsymmetricAccessState.ACTIVE_OPTIMIZED, wrongGroup))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetPortGroups.builder()
                .group(0xFFFF, AsymmetricAccessState.ACTIVE_OPTIMIZED, 1).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TargetPortGroups.builder()
                .group(1, AsymmetricAccessState.STANDBY, 1)
                .supportedStates(AsymmetricAccessState.ACTIVE_OPTIMIZED).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TargetPortGroups.builder()
                .group(1, AsymmetricAccessState.TRANSITIONING, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetPortGroups.builder().implicitTransitionTime(Duration.ofSeconds(256)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentCommandsSeeOnlyWholeStates() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (Nexus nexus : List.of(A3, AluaFixture.A4, B3)) { // one task per nexus: no overlapped tags
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 2_000; i++) {
                        var r = send(lu0, nexus, AluaFixture.mediumAccess());
                        if (r.status() == io.github.scsiemu.api.Status.CHECK_CONDITION) {
                            int asc = r.sense().orElseThrow().additionalSense().asc();
                            assertThat(asc).as(r.sense().orElseThrow().describe()).isIn(0x04, 0x2A);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (int i = 0; i < 500; i++) {
                groups.setState(2, i % 2 == 0 ? AsymmetricAccessState.ACTIVE_OPTIMIZED
                        : AsymmetricAccessState.STANDBY);
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(groups.stateOf(3)).contains(AsymmetricAccessState.STANDBY);
        assertThat(groups.stateOf(4)).contains(AsymmetricAccessState.STANDBY);
    }

    @Test
    void manualSchedulerRunsActionsInDeadlineOrder() {
        ManualTransitionScheduler s = new ManualTransitionScheduler();
        List<String> ran = new ArrayList<>();
        s.schedule(Duration.ofSeconds(3), () -> ran.add("c"));
        s.schedule(Duration.ofSeconds(1), () -> ran.add("a"));
        TransitionScheduler.Scheduled cancelled = s.schedule(Duration.ofSeconds(2), () -> ran.add("x"));
        s.schedule(Duration.ofSeconds(2), () -> ran.add("b"));
        cancelled.cancel();
        assertThat(s.deadlines()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
        s.advance(Duration.ofSeconds(2));
        assertThat(ran).containsExactly("a", "b");
        assertThat(s.now()).isEqualTo(Duration.ofSeconds(2));
        s.advance(Duration.ofSeconds(5));
        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(s.pending()).isZero();
    }
}
