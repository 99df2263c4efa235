package io.github.scsiemu.sbc;

import static io.github.scsiemu.sbc.StartStopPreventTest.check;
import static io.github.scsiemu.sbc.StartStopPreventTest.good;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import org.junit.jupiter.api.Test;

class WriteProtectionTest {

    private static final SenseData WRITE_PROTECTED =
            SenseData.of(SenseKey.DATA_PROTECT, AdditionalSense.WRITE_PROTECTED);
    private static final SenseData SOFTWARE_WRITE_PROTECTED =
            SenseData.of(SenseKey.DATA_PROTECT, AdditionalSense.LOGICAL_UNIT_SOFTWARE_WRITE_PROTECTED);

    @Test
    void readOnlyDiskRefusesEveryCommandThatChangesTheMedium() {
        Disk disk = Disk.builder(DiskConfig.builder(64, 512).thin().readOnly(true).build()).build();
        Initiator a = Initiator.connect(disk.logicalUnit());
        check(a.send(Initiator.write10(0, 1), new byte[512]), WRITE_PROTECTED);
        check(a.send(Initiator.write16(0, 1), new byte[512]), WRITE_PROTECTED);
        check(a.send(new byte[] {0x04, 0, 0, 0, 0, 0}, 0), WRITE_PROTECTED);
        check(a.send(new byte[] {0x48, 0x02, 0, 0, 0, 0, 0, 0, 0, 0}, 0), WRITE_PROTECTED);
        assertThat(a.read(0, 1, 512)).hasSize(512);
        good(a.send(StartStopPreventTest.preventAllow(1), 0));
    }

    @Test
    void softwareWriteProtectOfTheControlPageRefusesWrites() {
        Disk disk = Disk.builder(DiskConfig.builder(64, 512).build()).build();
        Initiator a = Initiator.connect(disk.logicalUnit());
        ScsiResponse sense = a.send(new byte[] {0x1A, 0x08, 0x0A, 0, (byte) 255, 0}, 255); // MODE SENSE(6) DBD
        good(sense);
        byte[] data = sense.dataInBytes();
        data[0] = 0; // MODE DATA LENGTH is reserved in MODE SELECT
        data[4] &= 0x7F; // PS
        data[4 + 4] |= 0x08; // SWP
        ScsiResponse select = a.send(new byte[] {0x15, 0x10, 0, 0, (byte) data.length, 0}, data);
        good(select);
        assertThat(disk.modePages().softwareWriteProtect()).isTrue();
        check(a.send(Initiator.write16(0, 1), new byte[512]), SOFTWARE_WRITE_PROTECTED);
        assertThat(a.read(0, 1, 512)).hasSize(512);
    }

    @Test
    void writeProtectionComesAfterReadiness() {
        Disk disk = Disk.builder(DiskConfig.builder(64, 512).removable(true).readOnly(true).build()).build();
        Initiator a = Initiator.connect(disk.logicalUnit());
        assertThat(disk.state().eject()).isTrue();
        check(a.send(Initiator.write16(0, 1), new byte[512]),
                SenseData.of(SenseKey.NOT_READY, AdditionalSense.MEDIUM_NOT_PRESENT_TRAY_OPEN));
    }

    /** Sets SWP in the Control mode page of {@code disk} by MODE SENSE(6) then MODE SELECT(6). */
    static void setSoftwareWriteProtect(Disk disk) {
        Initiator a = Initiator.connect(disk.logicalUnit(), "swp");
        ScsiResponse sense = a.send(new byte[] {0x1A, 0x08, 0x0A, 0, (byte) 255, 0}, 255);
        good(sense);
        byte[] data = sense.dataInBytes();
        data[0] = 0;
        data[4] &= 0x7F;
        data[4 + 4] |= 0x08;
        good(a.send(new byte[] {0x15, 0x10, 0, 0, (byte) data.length, 0}, data));
    }

    @Test
    void oneDecisionSaysWhetherAndHowTheDiskIsWriteProtected() {
        Disk writable = Disk.builder(DiskConfig.builder(64, 512).build()).build();
        assertThat(writable.state().writeProtection()).isEmpty();
        Disk readOnly = Disk.builder(DiskConfig.builder(64, 512).readOnly(true).build()).build();
        assertThat(readOnly.state().writeProtection()).contains(WRITE_PROTECTED);
        setSoftwareWriteProtect(writable);
        assertThat(writable.state().writeProtection()).contains(SOFTWARE_WRITE_PROTECTED);
        setSoftwareWriteProtect(readOnly); // the configured (hardware) protection wins
        assertThat(readOnly.state().writeProtection()).contains(WRITE_PROTECTED);
    }

    @Test
    void modeSenseWpFollowsTheSameDecision() {
        Disk disk = Disk.builder(DiskConfig.builder(64, 512).build()).build();
        Initiator a = Initiator.connect(disk.logicalUnit());
        byte[] modeSense = {0x1A, 0x08, 0x3F, 0, (byte) 255, 0};
        assertThat(a.send(modeSense, 255).dataInBytes()[2] & 0x80).isZero(); // DEVICE-SPECIFIC PARAMETER: WP
        setSoftwareWriteProtect(disk);
        a.send(new byte[6], 0); // TEST UNIT READY takes the MODE PARAMETERS CHANGED unit attention
        assertThat(a.send(modeSense, 255).dataInBytes()[2] & 0x80).isEqualTo(0x80);
    }
}
