package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.api.TaskManagementRequest;
import io.github.scsiemu.api.cdb.Cdb;
import io.github.scsiemu.api.cdb.ReservationClass;
import io.github.scsiemu.sbc.commands.PreventAllowMediumRemoval;
import io.github.scsiemu.sbc.commands.StartStopUnit;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import org.junit.jupiter.api.Test;

class StartStopPreventTest {

    private static final SenseData NO_MEDIUM =
            SenseData.of(SenseKey.NOT_READY, AdditionalSense.MEDIUM_NOT_PRESENT_TRAY_OPEN);
    private static final SenseData STOPPED =
            SenseData.of(SenseKey.NOT_READY, AdditionalSense.LOGICAL_UNIT_NOT_READY_INITIALIZING_COMMAND_REQUIRED);
    private static final SenseData PREVENTED =
            SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.MEDIUM_REMOVAL_PREVENTED);
    private static final SenseData MEDIUM_CHANGED =
            SenseData.unitAttention(AdditionalSense.NOT_READY_TO_READY_CHANGE_MEDIUM_MAY_HAVE_CHANGED);

    private final Disk disk = Disk.builder(DiskConfig.builder(64, 512).removable(true).build()).build();

    static byte[] startStop(int immed, int powerCondition, int modifier, int noFlush, int loej, int start) {
        return new byte[] {0x1B, (byte) immed, 0, (byte) modifier,
            (byte) (powerCondition << 4 | noFlush << 2 | loej << 1 | start), 0};
    }

    static byte[] preventAllow(int prevent) {
        return new byte[] {0x1E, 0, 0, 0, (byte) prevent, 0};
    }

    static Nexus nexus(String name) {
        return new Nexus(InitiatorPort.named("iqn.2026-01.test:" + name), Initiator.TARGET_PORT);
    }

    static void good(ScsiResponse r) {
        assertThat(r.status()).as("%s", r.sense()).isEqualTo(Status.GOOD);
    }

    static void check(ScsiResponse r, SenseData sense) {
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense()).contains(sense);
    }

    @Test
    void ejectMakesMediumAccessNotReadyAndLoadRestoresIt() {
        Initiator a = Initiator.connect(disk.logicalUnit(), "a");
        Initiator b = Initiator.connect(disk.logicalUnit(), "b");
        good(a.send(startStop(1, 0, 0, 0, 1, 0), 0));
        assertThat(disk.state().mediumPresent()).isFalse();
        check(a.send(new byte[6], 0), NO_MEDIUM);
        check(b.send(Initiator.read16(0, 1), 512), NO_MEDIUM);
        check(b.send(Initiator.write16(0, 1), new byte[512]), NO_MEDIUM);
        ScsiResponse sense = b.send(new byte[] {0x03, 0, 0, 0, (byte) 252, 0}, 252);
        good(sense);
        assertThat(sense.dataInBytes()[12]).isEqualTo((byte) 0x3A);
        assertThat(sense.dataInBytes()[13]).isEqualTo((byte) 0x02);
        good(a.send(startStop(1, 0, 0, 0, 1, 1), 0));
        // the loading nexus caused the change and is ready at once; the other one is told the medium changed
        good(a.send(new byte[6], 0));
        check(b.send(new byte[6], 0), MEDIUM_CHANGED);
        good(b.send(new byte[6], 0));
    }

    @Test
    void operatorLoadEstablishesTheUnitAttentionForEveryNexus() {
        Initiator a = Initiator.connect(disk.logicalUnit(), "a");
        assertThat(disk.state().eject()).isTrue();
        check(a.send(new byte[6], 0), NO_MEDIUM);
        disk.state().load();
        check(a.send(new byte[6], 0), MEDIUM_CHANGED);
        good(a.send(new byte[6], 0));
        disk.state().load(); // already loaded: no new condition
        good(a.send(new byte[6], 0));
    }

    @Test
    void stopMakesTheUnitNotReadyUntilStarted() {
        Initiator a = Initiator.connect(disk.logicalUnit());
        good(a.send(startStop(0, 0, 0, 0, 0, 0), 0));
        check(a.send(new byte[6], 0), STOPPED);
        check(a.send(Initiator.read16(0, 1), 512), STOPPED);
        assertThat(disk.state().mediumPresent()).isTrue();
        good(a.send(startStop(0, 0, 0, 0, 0, 1), 0));
        good(a.send(new byte[6], 0));
    }

    @Test
    void powerConditionsAreRecordedWithoutEjecting() {
        Initiator a = Initiator.connect(disk.logicalUnit());
        good(a.send(startStop(0, 0x3, 1, 0, 1, 0), 0));
        assertThat(disk.state().powerCondition()).isEqualTo(PowerCondition.STANDBY);
        assertThat(disk.state().mediumPresent()).isTrue();
        good(a.send(new byte[6], 0));
        good(a.send(startStop(0, 0x2, 2, 0, 0, 0), 0));
        assertThat(disk.state().powerCondition()).isEqualTo(PowerCondition.IDLE);
        good(a.send(startStop(0, 0xB, 0, 0, 0, 0), 0));
        assertThat(disk.state().powerCondition()).isEqualTo(PowerCondition.FORCE_STANDBY_0);
        check(a.send(startStop(0, 0x4, 0, 0, 0, 0), 0), SenseData.invalidFieldInCdb(4, 7));
        check(a.send(startStop(0, 0x3, 2, 0, 0, 0), 0), SenseData.invalidFieldInCdb(3, 3));
        check(a.send(startStop(0, 0x1, 1, 0, 0, 0), 0), SenseData.invalidFieldInCdb(3, 3));
    }

    @Test
    void loejOnAFixedDiskIsAnInvalidField() {
        Disk fixed = Disk.builder(DiskConfig.builder(64, 512).build()).build();
        Initiator a = Initiator.connect(fixed.logicalUnit());
        check(a.send(startStop(1, 0, 0, 0, 1, 0), 0), SenseData.invalidFieldInCdb(4, 1));
        good(a.send(startStop(0, 0, 0, 0, 0, 1), 0));
    }

    @Test
    void preventionOfAnyNexusBlocksEjectAndLoad() {
        Initiator a = Initiator.connect(disk.logicalUnit(), "a");
        Initiator b = Initiator.connect(disk.logicalUnit(), "b");
        good(a.send(preventAllow(1), 0));
        assertThat(disk.state().removalPreventedBy(nexus("a"))).isTrue();
        check(a.send(startStop(0, 0, 0, 0, 1, 0), 0), PREVENTED);
        check(b.send(startStop(0, 0, 0, 0, 1, 0), 0), PREVENTED);
        assertThat(disk.state().eject()).isFalse();
        good(a.send(new byte[6], 0));
        good(b.send(preventAllow(0), 0)); // b's allow does not end a's prevention
        check(b.send(startStop(0, 0, 0, 0, 1, 0), 0), PREVENTED);
        good(a.send(preventAllow(0), 0));
        good(a.send(startStop(0, 0, 0, 0, 1, 0), 0));
        good(a.send(preventAllow(1), 0));
        check(a.send(startStop(0, 0, 0, 0, 1, 1), 0), PREVENTED);
        good(a.send(preventAllow(0), 0));
        good(a.send(startStop(0, 0, 0, 0, 1, 1), 0));
        check(a.send(preventAllow(2), 0), SenseData.invalidFieldInCdb(4, 1));
    }

    @Test
    void preventionEndsWithNexusLossAndLogicalUnitReset() {
        Initiator a = Initiator.connect(disk.logicalUnit(), "a");
        good(a.send(preventAllow(1), 0));
        disk.logicalUnit().nexusLost(nexus("a"));
        assertThat(disk.state().removalPrevented()).isFalse();

        Initiator b = Initiator.connect(disk.logicalUnit(), "b");
        good(b.send(preventAllow(1), 0));
        disk.logicalUnit().manage(TaskManagementRequest.of(nexus("b"), Lun.of(0),
                TaskManagementFunction.LOGICAL_UNIT_RESET));
        assertThat(disk.state().removalPrevented()).isFalse();
        assertThat(disk.state().eject()).isTrue();
    }

    @Test
    void reservationClassesDependOnTheCdb() {
        assertThat(StartStopUnit.DESCRIPTOR.reservationClass(
                new Cdb(StartStopUnit.DESCRIPTOR, startStop(0, 0, 0, 0, 0, 1)))).isEqualTo(ReservationClass.ALWAYS);
        assertThat(StartStopUnit.DESCRIPTOR.reservationClass(
                new Cdb(StartStopUnit.DESCRIPTOR, startStop(0, 0, 0, 0, 0, 0)))).isEqualTo(ReservationClass.WRITE);
        assertThat(StartStopUnit.DESCRIPTOR.reservationClass(
                new Cdb(StartStopUnit.DESCRIPTOR, startStop(0, 1, 0, 0, 0, 1)))).isEqualTo(ReservationClass.WRITE);
        assertThat(PreventAllowMediumRemoval.DESCRIPTOR.reservationClass(
                new Cdb(PreventAllowMediumRemoval.DESCRIPTOR, preventAllow(0)))).isEqualTo(ReservationClass.ALWAYS);
        assertThat(PreventAllowMediumRemoval.DESCRIPTOR.reservationClass(
                new Cdb(PreventAllowMediumRemoval.DESCRIPTOR, preventAllow(1)))).isEqualTo(ReservationClass.WRITE);
    }
}
