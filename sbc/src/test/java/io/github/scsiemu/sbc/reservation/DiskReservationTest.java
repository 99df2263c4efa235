package io.github.scsiemu.sbc.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.LogicalUnit;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.api.TaskAttribute;
import io.github.scsiemu.sbc.BlockDevice;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.sense.SenseKey;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Persistent reservations on the disk {@link BlockDevice} builds: AC-PR-12 (pr-alua.md 1.4.5, libiscsi
 * ProutReserve.Access) with real READ(10)/WRITE(10), SBC-4 table 13 classes of READ CAPACITY and SYNCHRONIZE CACHE,
 * and the fence_scsi on/off/status sequence of pr-alua.md 3.1.
 */
class DiskReservationTest {

    static final TargetPort P1 = TargetPort.iscsi("iqn.2026-01.io.github.scsiemu:disk", 1, 1, 1);
    static final TargetPort P2 = TargetPort.iscsi("iqn.2026-01.io.github.scsiemu:disk", 2, 2, 2);
    static final AtomicLong TAGS = new AtomicLong();

    final LogicalUnit disk = BlockDevice.create(DiskConfig.of(2048, 512, "PR", "SN1"));

    ScsiResponse send(Nexus n, byte[] cdb, byte[] out, int in) {
        return disk.execute(new ScsiRequest(n, Lun.of(0), cdb, TaskAttribute.SIMPLE, TAGS.incrementAndGet(),
                ByteBuffer.wrap(out), in));
    }

    Nexus connect(String iqn, long isid, TargetPort port) {
        Nexus n = new Nexus(InitiatorPort.iscsi(iqn, isid), port);
        while (send(n, new byte[6], new byte[0], 0).status() == Status.CHECK_CONDITION) {
            // consume unit attentions
        }
        return n;
    }

    Status prOut(Nexus n, int sa, int type, long rk, long sark) {
        byte[] p = ByteBuffer.allocate(24).putLong(rk).putLong(sark).array();
        byte[] c = {0x5F, (byte) sa, (byte) type, 0, 0, 0, 0, 0, 24, 0};
        return send(n, c, p, 0).status();
    }

    long[] readKeys(Nexus n) {
        ScsiResponse r = send(n, new byte[] {0x5E, 0, 0, 0, 0, 0, 0, 0x10, 0, 0}, new byte[0], 4096);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        ByteBuffer b = ByteBuffer.wrap(r.dataInBytes());
        long[] keys = new long[b.getInt(4) / 8];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = b.getLong(8 + 8 * i);
        }
        return keys;
    }

    long reservationKey(Nexus n) {
        ScsiResponse r = send(n, new byte[] {0x5E, 1, 0, 0, 0, 0, 0, 0x10, 0, 0}, new byte[0], 4096);
        ByteBuffer b = ByteBuffer.wrap(r.dataInBytes());
        return b.getInt(4) == 0 ? -1 : b.getLong(8);
    }

    Status read10(Nexus n) {
        return send(n, new byte[] {0x28, 0, 0, 0, 0, 1, 0, 0, 1, 0}, new byte[0], 512).status();
    }

    Status write10(Nexus n) {
        return send(n, new byte[] {0x2A, 0, 0, 0, 0, 1, 0, 0, 1, 0}, new byte[512], 0).status();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5, 6, 7, 8})
    void acPr12_accessMatrixWithReadAndWriteOfTheDisk(int type) {
        int[][] oracle = {{}, {1, 0, 1, 0}, {}, {0, 0, 0, 0}, {}, {1, 1, 1, 0}, {1, 1, 0, 0}, {1, 1, 1, 0},
            {1, 1, 0, 0}};
        Nexus holder = connect("iqn.2026-01.test:a", 1, P1);
        Nexus registered = connect("iqn.2026-01.test:b", 1, P2);
        Nexus stranger = connect("iqn.2026-01.test:a", 2, P1); // same IQN, another ISID
        assertThat(prOut(holder, 6, 0, 0, 0xA)).isEqualTo(Status.GOOD);
        assertThat(prOut(registered, 6, 0, 0, 0xB)).isEqualTo(Status.GOOD);
        assertThat(prOut(holder, 1, type, 0xA, 0)).isEqualTo(Status.GOOD);
        assertThat(read10(holder)).isEqualTo(Status.GOOD);
        assertThat(write10(holder)).isEqualTo(Status.GOOD);
        int[] row = oracle[type];
        Status[] actual = {read10(registered), write10(registered), read10(stranger), write10(stranger)};
        Status[] expected = Arrays.stream(row).mapToObj(a -> a == 1 ? Status.GOOD : Status.RESERVATION_CONFLICT)
                .toArray(Status[]::new);
        assertThat(actual).containsExactly(expected);
        // READ CAPACITY(10) is allowed under every type; SYNCHRONIZE CACHE(10) is a write (SBC-4 table 13).
        assertThat(send(stranger, new byte[] {0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new byte[0], 8).status())
                .isEqualTo(Status.GOOD);
        assertThat(send(stranger, new byte[] {0x35, 0, 0, 0, 0, 0, 0, 0, 0, 0}, new byte[0], 0).status())
                .isEqualTo(Status.RESERVATION_CONFLICT);
    }

    @Test
    void fenceScsiOnOffStatus() {
        long ka = 0x61620001L;
        long kh = 0x61620002L;
        Nexus a1 = connect("iqn.2026-01.test:nodea", 1, P1);
        Nexus a2 = connect("iqn.2026-01.test:nodea", 1, P2);
        Nexus h1 = connect("iqn.2026-01.test:nodeh", 1, P1);
        // on (node A, per path): READ KEYS, R&I, READ RESERVATION, RESERVE type 5
        assertThat(readKeys(a1)).doesNotContain(ka);
        for (Nexus path : new Nexus[] {a1, a2}) {
            assertThat(prOut(path, 6, 0, 0, ka)).isEqualTo(Status.GOOD);
        }
        assertThat(reservationKey(a1)).isEqualTo(-1);
        assertThat(prOut(a1, 1, 5, ka, 0)).isEqualTo(Status.GOOD);
        assertThat(readKeys(a1)).containsExactly(ka, ka);
        // on (node H), and status
        assertThat(prOut(h1, 6, 0, 0, kh)).isEqualTo(Status.GOOD);
        assertThat(readKeys(h1)).contains(ka, kh);
        // off: H fences A with PREEMPT AND ABORT
        assertThat(prOut(h1, 5, 5, kh, ka)).isEqualTo(Status.GOOD);
        assertThat(readKeys(h1)).containsExactly(kh);
        assertThat(reservationKey(h1)).isEqualTo(kh);
        for (Nexus path : new Nexus[] {a1, a2}) {
            ScsiResponse ua = send(path, new byte[6], new byte[0], 0);
            assertThat(ua.sense().get().senseKey()).isEqualTo(SenseKey.UNIT_ATTENTION);
            assertThat(ua.sense().get().additionalSense().asc()).isEqualTo(0x2A);
            assertThat(ua.sense().get().additionalSense().ascq()).isEqualTo(0x05);
            assertThat(write10(path)).isEqualTo(Status.RESERVATION_CONFLICT);
            assertThat(read10(path)).isEqualTo(Status.GOOD); // WE-RO: reads still allowed
            assertThat(readKeys(path)).doesNotContain(ka); // the watchdog's status check works when fenced
        }
        assertThat(write10(h1)).isEqualTo(Status.GOOD);
    }
}
