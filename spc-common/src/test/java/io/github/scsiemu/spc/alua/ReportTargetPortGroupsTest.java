package io.github.scsiemu.spc.alua;

import static io.github.scsiemu.spc.alua.AluaFixture.A1;
import static io.github.scsiemu.spc.alua.AluaFixture.A3;
import static io.github.scsiemu.spc.alua.AluaFixture.assertGood;
import static io.github.scsiemu.spc.alua.AluaFixture.assertSense;
import static io.github.scsiemu.spc.alua.AluaFixture.cdb;
import static io.github.scsiemu.spc.alua.AluaFixture.drainAll;
import static io.github.scsiemu.spc.alua.AluaFixture.rtpg;
import static io.github.scsiemu.spc.alua.AluaFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.spc.DeviceServer;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** REPORT TARGET PORT GROUPS parameter data, byte for byte (SPC-4 6.37, tables 304-306 and 309). */
class ReportTargetPortGroupsTest {

    /** The two descriptors of {@link AluaFixture#twoByTwo}: group 1 AO + PREF (ports 1, 2), group 2 standby (3, 4). */
    private static final byte[] DESCRIPTORS = cdb(
            0x80, 0xCF, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02,
            0x00, 0x00, 0x00, 0x01,
            0x00, 0x00, 0x00, 0x02,
            0x02, 0xCF, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02,
            0x00, 0x00, 0x00, 0x03,
            0x00, 0x00, 0x00, 0x04);

    private ManualTransitionScheduler time;
    private TargetPortGroups groups;
    private DeviceServer lu;

    @BeforeEach
    void setUp() {
        time = new ManualTransitionScheduler();
        groups = AluaFixture.twoByTwo(time).implicitTransitionTime(Duration.ofSeconds(12)).build();
        lu = AluaFixture.logicalUnit(groups, "SN1");
        drainAll(lu);
    }

    private static byte[] concat(byte[] header, byte[] body) {
        byte[] all = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, all, header.length, body.length);
        return all;
    }

    @Test
    void lengthOnlyFormatIsHeaderAndOneDescriptorPerGroup() {
        ScsiResponse r = send(lu, A1, rtpg(0, 4096));
        assertGood(r);
        assertThat(r.dataInBytes()).containsExactly(concat(cdb(0x00, 0x00, 0x00, 0x20), DESCRIPTORS));
        assertThat(r.dataInResidual()).isEqualTo(4096 - 36);
    }

    @Test
    void extendedFormatCarriesFormatTypeAndImplicitTransitionTime() {
        ScsiResponse r = send(lu, A1, rtpg(1, 4096));
        assertGood(r);
        assertThat(r.dataInBytes()).containsExactly(
                concat(cdb(0x00, 0x00, 0x00, 0x24, 0x10, 12, 0x00, 0x00), DESCRIPTORS));
    }

    @Test
    void implicitTransitionTimeRoundsUpToWholeSeconds() {
        assertThat(ReportTargetPortGroups.seconds(Duration.ofMillis(1500))).isEqualTo(2);
        assertThat(ReportTargetPortGroups.seconds(Duration.ZERO)).isZero();
        assertThat(ReportTargetPortGroups.seconds(Duration.ofSeconds(255))).isEqualTo(255);
    }

    @Test
    void allocationLengthTruncatesButNeverAltersReturnDataLength() {
        for (int format = 0; format <= 1; format++) {
            byte[] full = send(lu, A1, rtpg(format, 4096)).dataInBytes();
            for (int alloc = 0; alloc <= full.length; alloc++) {
                ScsiResponse r = send(lu, A1, rtpg(format, alloc));
                assertGood(r);
                assertThat(r.dataInBytes()).containsExactly(Arrays.copyOf(full, alloc));
            }
        }
    }

    @Test
    void sameDataThroughEveryPortAndEveryState() {
        byte[] viaActive = send(lu, A1, rtpg(0, 4096)).dataInBytes();
        byte[] viaStandby = send(lu, A3, rtpg(0, 4096)).dataInBytes();
        assertThat(viaStandby).containsExactly(viaActive);
    }

    @Test
    void reservedParameterDataFormatIsInvalidFieldInCdb() {
        for (int format = 2; format <= 7; format++) {
            assertSense(send(lu, A1, rtpg(format, 4096)), SenseData.invalidFieldInCdb(1, 7));
        }
    }

    @Test
    void reservedCdbBitsAreRejectedWithTheirFieldPointer() {
        byte[] c = rtpg(0, 4096);
        c[2] = 0x01;
        assertSense(send(lu, A1, c), SenseData.invalidFieldInCdb(2, 0));
        c = rtpg(0, 4096);
        c[10] = (byte) 0x80;
        assertSense(send(lu, A1, c), SenseData.invalidFieldInCdb(10, 7));
    }

    @Test
    void statusCodeVendorSpecificAndStateFollowTheModel() {
        TargetPortGroups g = TargetPortGroups.builder()
                .group(7, AsymmetricAccessState.ACTIVE_NON_OPTIMIZED, 9)
                .vendorSpecific(7, 0x5A)
                .supportedStates(AsymmetricAccessState.ACTIVE_OPTIMIZED, AsymmetricAccessState.ACTIVE_NON_OPTIMIZED)
                .scheduler(time)
                .build();
        g.setState(7, AsymmetricAccessState.ACTIVE_OPTIMIZED);
        byte[] data = ReportTargetPortGroups.encode(g.groups(), g.supportBits(),
                ReportTargetPortGroups.ParameterDataFormat.LENGTH_ONLY, 0);
        assertThat(data).containsExactly(0x00, 0x00, 0x00, 0x0C,
                0x00, 0x03, 0x00, 0x07, 0x00, 0x02, 0x5A, 0x01,
                0x00, 0x00, 0x00, 0x09);
    }

    @Test
    void offlinePortsAlsoFormTheSecondaryOfflineGroup() {
        groups.takeOffline(2);
        drainAll(lu);
        byte[] data = send(lu, A1, rtpg(0, 4096)).dataInBytes();
        byte[] secondary = cdb(0x0E, 0xCF, 0xFF, 0xFF, 0x00, 0x02, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02);
        assertThat(data).containsExactly(concat(concat(cdb(0x00, 0x00, 0x00, 0x2C), DESCRIPTORS), secondary));
        groups.bringOnline(2);
        drainAll(lu);
        assertThat(send(lu, A1, rtpg(0, 4096)).dataInBytes())
                .containsExactly(concat(cdb(0x00, 0x00, 0x00, 0x20), DESCRIPTORS));
    }
}
