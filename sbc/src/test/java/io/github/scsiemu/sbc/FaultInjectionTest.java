package io.github.scsiemu.sbc;

import static io.github.scsiemu.sbc.StartStopPreventTest.check;
import static io.github.scsiemu.sbc.StartStopPreventTest.good;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.sbc.fault.InjectedFault;
import io.github.scsiemu.sbc.fault.LbaRange;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

    private final Disk disk = Disk.builder(DiskConfig.builder(1024, 512).thin().build()).build();
    private final Initiator a = Initiator.connect(disk.logicalUnit());

    private static SenseData readError(long lba) {
        return SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.UNRECOVERED_READ_ERROR).withInformation(lba);
    }

    @Test
    void failingReadsReportTheFirstFailingLba() {
        InjectedFault fault = disk.faults().failReads(100, 10);
        check(a.send(Initiator.read16(90, 20), 20 * 512), readError(100));
        check(a.send(Initiator.read16(105, 20), 20 * 512), readError(105));
        check(a.send(Initiator.read10(109, 1), 512), readError(109));
        good(a.send(Initiator.read16(110, 5), 5 * 512));
        good(a.send(Initiator.read16(90, 10), 10 * 512));
        a.write(100, new byte[512], 512); // writes are unaffected
        fault.remove();
        good(a.send(Initiator.read16(90, 20), 20 * 512));
    }

    @Test
    void lowestOfSeveralFaultsIsReported() {
        disk.faults().failReads(50, 1);
        disk.faults().failReads(40, 1);
        check(a.send(Initiator.read16(0, 64), 64 * 512), readError(40));
        disk.faults().clear();
        good(a.send(Initiator.read16(0, 64), 64 * 512));
    }

    @Test
    void failingWritesChangeNothing() {
        a.write(200, Initiator.filled(4 * 512, 0x11), 512);
        disk.faults().failWrites(202, 1);
        check(a.send(Initiator.write16(200, 4), Initiator.filled(4 * 512, 0x22)),
                SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.WRITE_ERROR).withInformation(202));
        assertThat(a.read(200, 4, 512)).isEqualTo(Initiator.filled(4 * 512, 0x11));
        good(a.send(Initiator.read16(202, 1), 512));
    }

    @Test
    void failNextEndsTheNextCommandsOfAnOperationCode() {
        SenseData busy = SenseData.of(SenseKey.ABORTED_COMMAND, AdditionalSense.INTERNAL_TARGET_FAILURE);
        disk.faults().failNext(0x88, 2, busy);
        check(a.send(Initiator.read16(0, 1), 512), busy);
        good(a.send(Initiator.read10(0, 1), 512));
        check(a.send(Initiator.read16(0, 1), 512), busy);
        good(a.send(Initiator.read16(0, 1), 512));
    }

    @Test
    void failNextComesAfterUnitAttentionsAndReadiness() {
        Disk removable = Disk.builder(DiskConfig.builder(64, 512).removable(true).build()).build();
        Initiator b = Initiator.connect(removable.logicalUnit());
        SenseData injected = SenseData.of(SenseKey.HARDWARE_ERROR, AdditionalSense.INTERNAL_TARGET_FAILURE);
        removable.faults().failNext(0x00, 1, injected);
        removable.state().eject();
        check(b.send(new byte[6], 0), SenseData.of(SenseKey.NOT_READY, AdditionalSense.MEDIUM_NOT_PRESENT_TRAY_OPEN));
        removable.state().load();
        check(b.send(new byte[6], 0),
                SenseData.unitAttention(AdditionalSense.NOT_READY_TO_READY_CHANGE_MEDIUM_MAY_HAVE_CHANGED));
        check(b.send(new byte[6], 0), injected);
        good(b.send(new byte[6], 0));
    }

    @Test
    void latencyDelaysTransfersOfTheRange() {
        InjectedFault slow = disk.faults().delay(10, 1, Duration.ofMillis(200));
        long start = System.nanoTime();
        good(a.send(Initiator.read16(10, 1), 512));
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
        slow.remove();
        start = System.nanoTime();
        good(a.send(Initiator.read16(0, 1), 512));
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofMillis(200).toNanos());
    }

    @Test
    void lbaRangeOverlapIsTheLowestSharedBlock() {
        LbaRange r = new LbaRange(10, 5);
        assertThat(r.firstOverlap(0, 10)).isEmpty();
        assertThat(r.firstOverlap(0, 11)).hasValue(10);
        assertThat(r.firstOverlap(12, 100)).hasValue(12);
        assertThat(r.firstOverlap(15, 1)).isEmpty();
        assertThat(r.firstOverlap(12, 0)).isEmpty();
        assertThat(r.firstOverlap(Long.MAX_VALUE - 1, Long.MAX_VALUE)).isEmpty();
        assertThatThrownBy(() -> new LbaRange(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> disk.faults().failNext(0x100, 1, readError(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void capacityChangeIsReportedOnceToEveryNexus() {
        Initiator b = Initiator.connect(disk.logicalUnit(), "b");
        disk.resize(2048);
        assertThat(disk.medium().capacity()).isEqualTo(2048);
        SenseData changed = SenseData.unitAttention(AdditionalSense.CAPACITY_DATA_HAS_CHANGED);
        check(a.send(new byte[6], 0), changed);
        good(a.send(new byte[6], 0));
        check(b.send(new byte[6], 0), changed);
        good(b.send(new byte[6], 0));
        good(a.send(Initiator.read16(2047, 1), 512));
    }
}
