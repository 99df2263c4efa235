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
import static io.github.scsiemu.spc.alua.AluaFixture.assertSense;
import static io.github.scsiemu.spc.alua.AluaFixture.descriptorOf;
import static io.github.scsiemu.spc.alua.AluaFixture.drain;
import static io.github.scsiemu.spc.alua.AluaFixture.drainAll;
import static io.github.scsiemu.spc.alua.AluaFixture.send;
import static io.github.scsiemu.spc.alua.AluaFixture.setTargetPortGroups;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.inquiry.TargetPortGroupSupport;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The acceptance criteria AC-ALUA-01 to AC-ALUA-08 of pr-alua.md 4.6, one test each, on the shared engine. The
 * persistent reservation commands of AC-ALUA-02/03 belong to the reservation feature; here the standby and
 * unavailable rules are checked for every command this engine declares.
 */
class AluaAcceptanceTest {

    private static final AdditionalSense CHANGED = AdditionalSense.ASYMMETRIC_ACCESS_STATE_CHANGED;

    private ManualTransitionScheduler time;
    private TargetPortGroups groups;
    private DeviceServer lu;

    @BeforeEach
    void setUp() {
        time = new ManualTransitionScheduler();
        groups = AluaFixture.twoByTwo(time).implicitTransitionTime(Duration.ofSeconds(30)).build();
        lu = AluaFixture.logicalUnit(groups, "SN1");
        drainAll(lu);
    }

    @Test
    void acAlua01_tpgsIffRtpgAndOneRelativePortAndGroupDesignatorPerPortConsistentWithRtpg() {
        assertThat(send(lu, A1, AluaFixture.inquiry()).dataInBytes()[5] & 0x30).isEqualTo(0x30);
        assertGood(send(lu, A1, AluaFixture.rtpg(0, 4096)));
        byte[] rtpg = send(lu, A1, AluaFixture.rtpg(0, 4096)).dataInBytes();
        for (Nexus n : ALL) {
            byte[] page = send(lu, n, AluaFixture.inquiryVpd(0x83)).dataInBytes();
            int type4 = 0;
            int type5 = 0;
            int port = -1;
            int group = -1;
            for (int at = 4; at < page.length; at += 4 + (page[at + 3] & 0xFF)) {
                int type = page[at + 1] & 0x0F;
                int value = ((page[at + 6] & 0xFF) << 8) | (page[at + 7] & 0xFF);
                if (type == 4) {
                    type4++;
                    port = value;
                } else if (type == 5) {
                    type5++;
                    group = value;
                }
            }
            assertThat(type4).isEqualTo(1);
            assertThat(type5).isEqualTo(1);
            assertThat(port).isEqualTo(n.target().relativeTargetPortId());
            assertThat(groups.groupOf(port)).hasValue(group);
            assertThat(portsOf(rtpg, group)).contains(port);
        }
        // and without asymmetric access: TPGS 00b and no RTPG
        DeviceServer plain = DeviceServer.builder(AluaFixture.identity("SN2")).build();
        drain(plain, A1);
        assertThat(send(plain, A1, AluaFixture.inquiry()).dataInBytes()[5] & 0x30).isZero();
        assertSense(send(plain, A1, AluaFixture.rtpg(0, 4096)), SenseData.invalidFieldInCdb(1, 4));
        // implicit-only: TPGS 01b
        DeviceServer implicitOnly = AluaFixture.logicalUnit(AluaFixture.twoByTwo(time)
                .targetPortGroupSupport(TargetPortGroupSupport.IMPLICIT).build(), "SN3");
        assertThat(send(implicitOnly, A1, AluaFixture.inquiry()).dataInBytes()[5] & 0x30).isEqualTo(0x10);
    }

    private static List<Integer> portsOf(byte[] rtpg, int group) {
        for (int at = 4; at + 8 <= rtpg.length; at += 8 + 4 * (rtpg[at + 7] & 0xFF)) {
            if ((((rtpg[at + 2] & 0xFF) << 8) | (rtpg[at + 3] & 0xFF)) == group) {
                Integer[] ports = new Integer[rtpg[at + 7] & 0xFF];
                for (int i = 0; i < ports.length; i++) {
                    int p = at + 8 + 4 * i;
                    ports[i] = ((rtpg[p + 2] & 0xFF) << 8) | (rtpg[p + 3] & 0xFF);
                }
                return Arrays.asList(ports);
            }
        }
        return List.of();
    }

    @Test
    void acAlua02_standbyRefusesTurAndDataButProcessesTheStandbyCommands() {
        assertNotReady(send(lu, A3, AluaFixture.testUnitReady()), 0x0B);
        assertNotReady(send(lu, A3, AluaFixture.mediumAccess()), 0x0B);
        assertGood(send(lu, A3, AluaFixture.inquiry()));
        assertGood(send(lu, A3, AluaFixture.rtpg(1, 4096)));
        assertGood(send(lu, A3, AluaFixture.modeSense6()));
        assertGood(send(lu, A3, AluaFixture.requestSense()));
        assertGood(send(lu, A3, AluaFixture.reportLuns()));
        assertThat(send(lu, A3, AluaFixture.inquiry()).dataInBytes()[0] & 0xE0).isZero();
    }

    @Test
    void acAlua03_unavailableReportsQualifier001AndRefusesAllButItsCommands() {
        groups.setState(2, AsymmetricAccessState.UNAVAILABLE);
        drainAll(lu);
        assertThat(send(lu, A3, AluaFixture.inquiry()).dataInBytes()[0] & 0xFF).isEqualTo(0x20);
        assertThat(send(lu, A3, AluaFixture.inquiryVpd(0x83)).dataInBytes()[0] & 0xFF).isEqualTo(0x20);
        assertThat(send(lu, A1, AluaFixture.inquiry()).dataInBytes()[0] & 0xFF).isZero();
        assertNotReady(send(lu, A3, AluaFixture.mediumAccess()), 0x0C);
        assertNotReady(send(lu, A3, AluaFixture.modeSense6()), 0x0C);
        assertNotReady(send(lu, A3, AluaFixture.testUnitReady()), 0x0C);
        assertGood(send(lu, A3, AluaFixture.rtpg(0, 4096)));
        assertGood(send(lu, A3, AluaFixture.reportLuns()));
        assertGood(send(lu, A3, AluaFixture.requestSense()));
        assertGood(setTargetPortGroups(lu, A3, 0x0, 2));
    }

    @Test
    void acAlua04_transitioningReportsFhRefusesOthersAndNotifiesAfterCompletion() {
        groups.beginTransition(2, AsymmetricAccessState.ACTIVE_OPTIMIZED);
        drainAll(lu);
        ScsiResponse rtpg = send(lu, A3, AluaFixture.rtpg(0, 4096));
        assertGood(rtpg);
        assertThat(descriptorOf(rtpg.dataInBytes(), 4, 2)[0]).isEqualTo(0xF);
        assertNotReady(send(lu, A3, AluaFixture.testUnitReady()), 0x0A);
        assertNotReady(send(lu, A3, AluaFixture.mediumAccess()), 0x0A);
        assertNotReady(send(lu, A3, AluaFixture.modeSense6()), 0x0A);
        assertGood(send(lu, A3, AluaFixture.inquiry()));
        time.advance(Duration.ofSeconds(30));
        for (Nexus n : ALL) {
            assertThat(drain(lu, n)).as("%s", n).containsExactly(CHANGED);
        }
        assertThat(descriptorOf(send(lu, A3, AluaFixture.rtpg(0, 4096)).dataInBytes(), 4, 2)[0]).isZero();
        assertGood(send(lu, A3, AluaFixture.mediumAccess()));
    }

    @Test
    void acAlua05_stpgOwnGroupToActiveOptimizedNotifiesEveryOtherNexus() {
        assertGood(setTargetPortGroups(lu, A3, 0x0, 2));
        int[] g2 = descriptorOf(send(lu, A3, AluaFixture.rtpg(0, 4096)).dataInBytes(), 4, 2);
        assertThat(g2[0]).isZero();
        assertThat(g2[2]).isEqualTo(0x01);
        // other groups change only as configured (here: not at all)
        assertThat(groups.group(1).orElseThrow().state()).isEqualTo(AsymmetricAccessState.ACTIVE_OPTIMIZED);
        assertThat(drain(lu, A3)).isEmpty();
        for (Nexus n : List.of(A1, A2, A4, B1, B3)) {
            assertThat(drain(lu, n)).as("%s", n).containsExactly(CHANGED);
        }
    }

    @Test
    void acAlua06_invalidStpgIsRejectedEmptyIsANoOpAndImplicitOnlyHasNone() {
        assertSense(setTargetPortGroups(lu, A3, 0x4, 2), SenseData.invalidFieldInParameterList(4, 3));
        assertSense(setTargetPortGroups(lu, A3, 0xF, 2), SenseData.invalidFieldInParameterList(4, 3));
        assertSense(setTargetPortGroups(lu, A3, 0x0, 3), SenseData.invalidFieldInParameterList(6, 7));
        assertGood(AluaFixture.sendOut(lu, A3, AluaFixture.stpg(0), new byte[0]));
        assertThat(groups.group(2).orElseThrow().state()).isEqualTo(AsymmetricAccessState.STANDBY);
        for (Nexus n : ALL) {
            assertThat(drain(lu, n)).isEmpty();
        }
        DeviceServer implicitOnly = AluaFixture.logicalUnit(AluaFixture.twoByTwo(time)
                .targetPortGroupSupport(TargetPortGroupSupport.IMPLICIT).build(), "SN2");
        drain(implicitOnly, A3);
        assertSense(setTargetPortGroups(implicitOnly, A3, 0x0, 2), SenseData.invalidCommandOperationCode());
    }

    @Test
    void acAlua07_extendedHeaderCarriesFormatTypeAndTimeAndTruncationKeepsTheLength() {
        byte[] full = send(lu, A1, AluaFixture.rtpg(1, 4096)).dataInBytes();
        assertThat(full[4]).isEqualTo((byte) 0x10);
        assertThat(full[5]).isEqualTo((byte) 30);
        assertThat(((full[0] & 0xFF) << 24) | ((full[1] & 0xFF) << 16) | ((full[2] & 0xFF) << 8) | (full[3] & 0xFF))
                .isEqualTo(full.length - 4);
        byte[] truncated = send(lu, A1, AluaFixture.rtpg(1, 10)).dataInBytes();
        assertThat(truncated).containsExactly(Arrays.copyOf(full, 10));
    }

    /**
     * AC-ALUA-08 asks for a Linux VM with open-iscsi and dm-multipath; in-process, the same decisions are taken by
     * {@link LinuxAluaClient} (detect_alua, the alua prioritizer, the TUR checker, scsi_dh_alua) and checked here:
     * two priority groups (50 and 1), and failover on an implicit transition. The PR half (mpathpersist, fence_scsi)
     * belongs to the reservation feature.
     */
    @Test
    void acAlua08_linuxMultipathSeesTwoPriorityGroupsAndFailsOverOnImplicitTransition() {
        assertThat(ALL.stream().allMatch(n -> LinuxAluaClient.detectAlua(lu, n))).isTrue();
        assertThat(List.of(A1, A2).stream().map(n -> LinuxAluaClient.aluaPriority(lu, n))).containsOnly(50);
        assertThat(List.of(A3, A4).stream().map(n -> LinuxAluaClient.aluaPriority(lu, n))).containsOnly(1);
        assertThat(LinuxAluaClient.turChecker(lu, A3)).isEqualTo(LinuxAluaClient.PathState.GHOST);
        groups.beginTransition(1, AsymmetricAccessState.UNAVAILABLE);
        groups.beginTransition(2, AsymmetricAccessState.ACTIVE_OPTIMIZED);
        time.advance(Duration.ofSeconds(30));
        assertThat(LinuxAluaClient.turChecker(lu, A1)).isEqualTo(LinuxAluaClient.PathState.DOWN);
        assertThat(LinuxAluaClient.turChecker(lu, A3)).isEqualTo(LinuxAluaClient.PathState.UP);
        assertThat(List.of(A3, A4).stream().map(n -> LinuxAluaClient.aluaPriority(lu, n))).containsOnly(50);
        assertGood(send(lu, A4, AluaFixture.mediumAccess()));
    }
}
