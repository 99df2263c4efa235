package io.github.scsiemu.sbc.alua;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.DeviceServer;
import io.github.scsiemu.spc.alua.AsymmetricAccess;
import io.github.scsiemu.spc.alua.AsymmetricAccessState;
import io.github.scsiemu.spc.alua.ManualTransitionScheduler;
import io.github.scsiemu.spc.alua.TargetPortGroups;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Asymmetric logical unit access on a disk (SPC-4 5.15.2 with SBC-4 commands): the filter applied to READ and WRITE,
 * the discovery data Linux needs, and a scsi_dh_alua-style failover (RTPG, STPG on the standby path, I/O through it)
 * and an implicit one, with the data written before failover read back after it. Two disks share the target port
 * groups, so one operator action fails both over.
 */
class DiskAsymmetricAccessTest {

    private static final String TARGET = "iqn.2026-01.io.github.scsiemu:alua-disk";
    private static final TargetPort P1 = TargetPort.iscsi(TARGET, 1, 1, 1);
    private static final TargetPort P2 = TargetPort.iscsi(TARGET, 2, 2, 2);
    private static final Nexus H1 = new Nexus(InitiatorPort.iscsi("iqn.2026-01.org.example:host", 1), P1);
    private static final Nexus H2 = new Nexus(InitiatorPort.iscsi("iqn.2026-01.org.example:host", 1), P2);
    private static final AdditionalSense CHANGED = AdditionalSense.ASYMMETRIC_ACCESS_STATE_CHANGED;

    private ManualTransitionScheduler time;
    private TargetPortGroups groups;
    private DeviceServer disk;
    private DeviceServer other;

    @BeforeEach
    void setUp() {
        time = new ManualTransitionScheduler();
        groups = TargetPortGroups.builder()
                .group(1, AsymmetricAccessState.ACTIVE_OPTIMIZED, P1)
                .group(2, AsymmetricAccessState.STANDBY, P2)
                .implicitTransitionTime(Duration.ofSeconds(5))
                .scheduler(time)
                .build();
        disk = Disk.builder(DiskConfig.of(2048, 512, "ALUA", "SN1")).feature(AsymmetricAccess.of(groups)).build()
                .logicalUnit();
        other = Disk.builder(DiskConfig.of(2048, 512, "ALUA", "SN2")).feature(AsymmetricAccess.of(groups)).build()
                .logicalUnit();
        for (DeviceServer lu : List.of(disk, other)) {
            drain(lu, H1);
            drain(lu, H2);
        }
    }

    // ---- CDBs, written out byte by byte ---------------------------------------------------------------------------

    private static byte[] cdb(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return b;
    }

    private static byte[] read10(int lba) {
        return cdb(0x28, 0, 0, 0, 0, lba, 0, 0, 1, 0);
    }

    private static byte[] write10(int lba) {
        return cdb(0x2A, 0, 0, 0, 0, lba, 0, 0, 1, 0);
    }

    private static ScsiResponse send(DeviceServer lu, Nexus n, byte[] cdb) {
        return lu.execute(ScsiRequest.of(n, Lun.of(0), cdb, 4096));
    }

    private static ScsiResponse write(DeviceServer lu, Nexus n, int lba, byte fill) {
        byte[] block = new byte[512];
        Arrays.fill(block, fill);
        return lu.execute(ScsiRequest.withDataOut(n, Lun.of(0), write10(lba), ByteBuffer.wrap(block)));
    }

    private static List<AdditionalSense> drain(DeviceServer lu, Nexus n) {
        List<AdditionalSense> seen = new java.util.ArrayList<>();
        while (true) {
            byte[] sense = send(lu, n, cdb(0x03, 0, 0, 0, 252, 0)).dataInBytes();
            if ((sense[2] & 0x0F) != SenseKey.UNIT_ATTENTION.code()) {
                return seen;
            }
            seen.add(new AdditionalSense(sense[12] & 0xFF, sense[13] & 0xFF));
        }
    }

    private static void assertNotReady(ScsiResponse r, int ascq) {
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense().orElseThrow().senseKey()).isEqualTo(SenseKey.NOT_READY);
        assertThat(r.sense().orElseThrow().additionalSense()).isEqualTo(new AdditionalSense(0x04, ascq));
    }

    private static void assertGood(ScsiResponse r) {
        assertThat(r.sense()).isEmpty();
        assertThat(r.status()).isEqualTo(Status.GOOD);
    }

    /** Byte 0 (state) of the descriptor of {@code group} in length-only RTPG data. */
    private static int stateOf(DeviceServer lu, Nexus n, int group) {
        byte[] d = send(lu, n, cdb(0xA3, 0x0A, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0)).dataInBytes();
        for (int at = 4; at + 8 <= d.length; at += 8 + 4 * (d[at + 7] & 0xFF)) {
            if ((((d[at + 2] & 0xFF) << 8) | (d[at + 3] & 0xFF)) == group) {
                return d[at] & 0x0F;
            }
        }
        throw new AssertionError("group " + group + " not reported");
    }

    // ---- tests ------------------------------------------------------------------------------------------------------

    @Test
    void diskReportsTpgsAndThePortDesignatorsLinuxNeeds() {
        assertThat(send(disk, H2, cdb(0x12, 0, 0, 0, 96, 0)).dataInBytes()[5] & 0x30).isEqualTo(0x30);
        byte[] page = send(disk, H2, cdb(0x12, 1, 0x83, 1, 0, 0)).dataInBytes();
        int port = -1;
        int group = -1;
        for (int at = 4; at < page.length; at += 4 + (page[at + 3] & 0xFF)) {
            int value = ((page[at + 6] & 0xFF) << 8) | (page[at + 7] & 0xFF);
            switch (page[at + 1] & 0x0F) {
                case 4 -> port = value;
                case 5 -> group = value;
                default -> {
                }
            }
        }
        assertThat(port).isEqualTo(2);
        assertThat(group).isEqualTo(2);
    }

    @Test
    void readAndWriteFollowTheStateOfThePort() {
        assertGood(write(disk, H1, 7, (byte) 0x5A));
        assertGood(send(disk, H1, read10(7)));
        assertNotReady(send(disk, H2, read10(7)), 0x0B);
        assertNotReady(write(disk, H2, 7, (byte) 1), 0x0B);
        assertNotReady(send(disk, H2, cdb(0, 0, 0, 0, 0, 0)), 0x0B);
        groups.setState(2, AsymmetricAccessState.UNAVAILABLE);
        drain(disk, H2);
        assertNotReady(send(disk, H2, read10(7)), 0x0C);
        assertThat(send(disk, H2, cdb(0x12, 0, 0, 0, 96, 0)).dataInBytes()[0] & 0xFF).isEqualTo(0x20);
        groups.beginTransition(2, AsymmetricAccessState.ACTIVE_NON_OPTIMIZED);
        drain(disk, H2);
        assertNotReady(write(disk, H2, 7, (byte) 1), 0x0A);
        time.advance(Duration.ofSeconds(5));
        assertThat(drain(disk, H2)).containsExactly(CHANGED);
        ScsiResponse r = send(disk, H2, read10(7));
        assertGood(r);
        assertThat(r.dataInBytes()).containsOnly((byte) 0x5A);
    }

    @Test
    void scsiDhAluaExplicitFailoverThroughTheStandbyPath() {
        assertGood(write(disk, H1, 3, (byte) 0x33));
        assertThat(stateOf(disk, H2, 2)).isEqualTo(0x2);
        byte[] stpg = cdb(0, 0, 0, 0, 0x00, 0x00, 0x00, 0x02);
        assertGood(disk.execute(ScsiRequest.withDataOut(H2, Lun.of(0),
                cdb(0xA4, 0x0A, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0), ByteBuffer.wrap(stpg))));
        assertThat(stateOf(disk, H2, 2)).isEqualTo(0x0);
        ScsiResponse r = send(disk, H2, read10(3));
        assertGood(r);
        assertThat(r.dataInBytes()).containsOnly((byte) 0x33);
        // the sender's nexus is not told; the other path and the other disk are
        assertThat(drain(disk, H2)).isEmpty();
        assertThat(drain(disk, H1)).containsExactly(CHANGED);
        assertThat(drain(other, H1)).containsExactly(CHANGED);
        assertThat(drain(other, H2)).isEmpty();
    }

    @Test
    void implicitFailoverMovesBothDisksAndTheTurCheckerFollows() {
        groups.beginTransition(1, AsymmetricAccessState.STANDBY);
        groups.beginTransition(2, AsymmetricAccessState.ACTIVE_OPTIMIZED);
        time.advance(Duration.ofSeconds(5));
        for (DeviceServer lu : List.of(disk, other)) {
            assertThat(drain(lu, H1)).containsExactly(CHANGED);
            assertThat(drain(lu, H2)).containsExactly(CHANGED);
            assertNotReady(send(lu, H1, cdb(0, 0, 0, 0, 0, 0)), 0x0B); // multipath: ghost
            assertGood(send(lu, H2, cdb(0, 0, 0, 0, 0, 0)));           // multipath: up
            assertGood(write(lu, H2, 1, (byte) 7));
        }
    }
}
