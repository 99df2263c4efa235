package io.github.scsiemu.spc.alua;

import static io.github.scsiemu.spc.alua.AluaFixture.A1;
import static io.github.scsiemu.spc.alua.AluaFixture.A2;
import static io.github.scsiemu.spc.alua.AluaFixture.A3;
import static io.github.scsiemu.spc.alua.AluaFixture.A4;
import static io.github.scsiemu.spc.alua.AluaFixture.ALL;
import static io.github.scsiemu.spc.alua.AluaFixture.B1;
import static io.github.scsiemu.spc.alua.AluaFixture.B3;
import static io.github.scsiemu.spc.alua.AluaFixture.assertGood;
import static io.github.scsiemu.spc.alua.AluaFixture.assertNotReady;
import static io.github.scsiemu.spc.alua.AluaFixture.drain;
import static io.github.scsiemu.spc.alua.AluaFixture.drainAll;
import static io.github.scsiemu.spc.alua.AluaFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.LogicalUnit;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.spc.alua.LinuxAluaClient.PathState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Linux's {@code scsi_dh_alua} and multipath-tools do with an ALUA logical unit (pr-alua.md 2.7, 2.8 and 3),
 * run against any logical unit: a device type's test extends this class and says how to build its logical unit on
 * the given target port groups and which command moves user data. Topology: {@link AluaFixture#twoByTwo}.
 */
public abstract class AluaClientScenarios {

    protected ManualTransitionScheduler time;
    protected TargetPortGroups groups;
    protected LogicalUnit lu;

    /** Builds the logical unit under test with asymmetric access on {@code groups}. */
    protected abstract LogicalUnit logicalUnit(TargetPortGroups groups);

    /** A command that moves user data and that no asymmetric access flag lets through (e.g. READ(10)). */
    protected abstract byte[] dataCommand();

    /** How long the extended RTPG header says an implicit transition takes, in this fixture. */
    protected static final int TRANSITION_SECONDS = 8;

    @BeforeEach
    void buildLogicalUnit() {
        time = new ManualTransitionScheduler();
        groups = AluaFixture.twoByTwo(time).implicitTransitionTime(Duration.ofSeconds(TRANSITION_SECONDS)).build();
        lu = logicalUnit(groups);
        drainAll(lu);
    }

    @Test
    void scsiDhAluaAttachesReadsItsGroupAndTheExtendedHeader() {
        for (Nexus n : ALL) {
            assertThat(LinuxAluaClient.tpgs(lu, n)).isEqualTo(0b11);
            int[] ids = LinuxAluaClient.groupAndPort(lu, n).orElseThrow();
            assertThat(ids[0]).isEqualTo(n.target().targetPortGroup());
            assertThat(ids[1]).isEqualTo(n.target().relativeTargetPortId());
            LinuxAluaClient.Rtpg rtpg = LinuxAluaClient.scsiDhAluaRtpg(lu, n);
            assertThat(rtpg.extended()).isTrue();
            assertThat(rtpg.transitionTimeoutSeconds()).isEqualTo(TRANSITION_SECONDS);
            assertThat(rtpg.groups()).containsKey(ids[0]);
        }
    }

    @Test
    void scsiDhAluaSendsNoIoToStandbyButTheTargetRefusesItAnyway() {
        int state = LinuxAluaClient.scsiDhAluaRtpg(lu, A3).groups().get(2).state();
        assertThat(LinuxAluaClient.scsiDhAluaSendsIo(state)).isFalse();
        assertNotReady(send(lu, A3, dataCommand()), 0x0B);
        assertGood(send(lu, A1, dataCommand()));
    }

    @Test
    void scsiDhAluaFailsOverWithStpgOnTheStandbyPath() {
        assertThat(LinuxAluaClient.scsiDhAluaActivate(lu, A1)).isEmpty(); // already active/optimized
        var stpg = LinuxAluaClient.scsiDhAluaActivate(lu, A3).orElseThrow();
        assertGood(stpg);
        LinuxAluaClient.Rtpg after = LinuxAluaClient.scsiDhAluaRtpg(lu, A3);
        assertThat(after.groups().get(2).state()).isEqualTo(0x0);
        assertThat(after.groups().get(2).statusCode()).isEqualTo(0x01);
        assertGood(send(lu, A3, dataCommand()));
        assertThat(drain(lu, A3)).isEmpty();
        for (Nexus n : List.of(A1, A2, A4, B1, B3)) {
            assertThat(drain(lu, n)).as("%s", n).containsExactly(AdditionalSense.ASYMMETRIC_ACCESS_STATE_CHANGED);
        }
    }

    @Test
    void scsiDhAluaRidesOutAnImplicitTransition() {
        groups.beginTransition(1, AsymmetricAccessState.STANDBY);
        groups.beginTransition(2, AsymmetricAccessState.ACTIVE_OPTIMIZED);
        // the 2A/06 unit attention makes the handler re-run RTPG; I/O meanwhile meets 2/04/0A and is retried
        assertThat(drain(lu, A3)).containsExactly(AdditionalSense.ASYMMETRIC_ACCESS_STATE_CHANGED);
        assertThat(LinuxAluaClient.scsiDhAluaRtpg(lu, A3).groups().get(2).state()).isEqualTo(0xF);
        assertNotReady(send(lu, A3, dataCommand()), 0x0A);
        time.advance(Duration.ofSeconds(TRANSITION_SECONDS));
        assertThat(drain(lu, A3)).containsExactly(AdditionalSense.ASYMMETRIC_ACCESS_STATE_CHANGED);
        LinuxAluaClient.Rtpg rtpg = LinuxAluaClient.scsiDhAluaRtpg(lu, A3);
        assertThat(rtpg.groups().get(2).state()).isEqualTo(0x0);
        assertThat(rtpg.groups().get(1).state()).isEqualTo(0x2);
        assertGood(send(lu, A3, dataCommand()));
        drain(lu, A1);
        assertNotReady(send(lu, A1, dataCommand()), 0x0B);
    }

    @Test
    void multipathTurCheckerClassifiesEveryState() {
        assertThat(LinuxAluaClient.turChecker(lu, A1)).isEqualTo(PathState.UP);
        assertThat(LinuxAluaClient.turChecker(lu, A3)).isEqualTo(PathState.GHOST);
        groups.beginTransition(2, AsymmetricAccessState.ACTIVE_NON_OPTIMIZED);
        assertThat(LinuxAluaClient.turChecker(lu, A3)).isEqualTo(PathState.PENDING);
        groups.setState(2, AsymmetricAccessState.UNAVAILABLE);
        assertThat(LinuxAluaClient.turChecker(lu, A3)).isEqualTo(PathState.DOWN);
        groups.setState(2, AsymmetricAccessState.ACTIVE_NON_OPTIMIZED);
        assertThat(LinuxAluaClient.turChecker(lu, A3)).isEqualTo(PathState.UP);
        groups.takeOffline(4);
        assertThat(LinuxAluaClient.turChecker(lu, A4)).isEqualTo(PathState.DOWN);
        assertThat(LinuxAluaClient.turChecker(lu, A3)).isEqualTo(PathState.UP);
    }

    @Test
    void multipathDetectsAluaAndGroupsPathsByPriority() {
        for (Nexus n : ALL) {
            assertThat(LinuxAluaClient.detectAlua(lu, n)).as("%s", n).isTrue();
        }
        assertThat(List.of(A1, A2, A3, A4).stream().map(n -> LinuxAluaClient.aluaPriority(lu, n)))
                .containsExactly(50, 50, 1, 1);
        // implicit failover: the preferred group becomes standby and outranks the new active/optimized one (+80)
        groups.setState(1, AsymmetricAccessState.STANDBY);
        groups.setState(2, AsymmetricAccessState.ACTIVE_OPTIMIZED);
        drainAll(lu);
        assertThat(List.of(A1, A2, A3, A4).stream().map(n -> LinuxAluaClient.aluaPriority(lu, n)))
                .containsExactly(81, 81, 50, 50);
        groups.setPreferred(1, false);
        assertThat(List.of(A1, A2, A3, A4).stream().map(n -> LinuxAluaClient.aluaPriority(lu, n)))
                .containsExactly(1, 1, 50, 50);
    }
}
