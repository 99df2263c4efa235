package io.github.scsiemu.sbc;

import static io.github.scsiemu.sbc.StartStopPreventTest.check;
import static io.github.scsiemu.sbc.StartStopPreventTest.good;
import static io.github.scsiemu.sbc.StartStopPreventTest.startStop;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The cases where libiscsi 1.19's test tool expects other behaviour than SBC-4 specifies, pinned to the standard,
 * and the defaults chosen so that its WRITE SAME and INQUIRY tests run in full: the removable thin
 * 512/4096 disk of the iSCSI fixture.
 */
class LibiscsiEdgeCasesTest {

    private static final int BS = 512;
    private static final long BLOCKS = 262_144;

    private final Disk disk = Disk.builder(DiskConfig.builder(BLOCKS, BS).thin().removable(true)
            .physicalBlockExponent(3).build()).build();
    private final Initiator init = Initiator.connect(disk.logicalUnit());

    @Test
    void getLbaStatusFirstDescriptorStartsAtTheStartingLbaEvenInsideAPhysicalBlock() {
        // SBC-4 5.6.2.3 (report type 0): the first descriptor is for the STARTING LOGICAL BLOCK ADDRESS itself
        // (libiscsi GetLBAStatus.UnmapSingle asks for LBA i + 1 but expects a descriptor at i + 8)
        init.write(0, Initiator.filled(264 * BS, 'A'), BS);
        good(init.send(ProvisioningCommandsTest.unmap(0, 24), ProvisioningCommandsTest.unmapList(0, 8)));
        ScsiResponse r = init.send(ProvisioningCommandsTest.getLbaStatus(9, 24), 24);
        good(r);
        ByteBuffer d = ByteBuffer.wrap(r.dataInBytes());
        assertThat(d.getInt(0)).isEqualTo(20);
        assertThat(d.getLong(8)).isEqualTo(9);
        assertThat(d.getInt(16)).isEqualTo(264 - 9);
        assertThat(d.get(20) & 0x0F).isZero(); // mapped
    }

    @Test
    void writeSameWithUnmapDeallocatesWhateverTheDataBlockHolds() {
        // SBC-4 5.50 table "ANCHOR bit, UNMAP bit and ANC_SUP bit relationships": UNMAP 1, ANCHOR 0 is an unmap
        // operation on every LBA (libiscsi WriteSame10.UnmapUntilEnd sends 0xFF data with UNMAP, expects zeros)
        init.write(BLOCKS - 1, Initiator.filled(BS, 0xFF), BS);
        good(init.send(ProvisioningCommandsTest.writeSame10(0x08, BLOCKS - 1, 0), Initiator.filled(BS, 0xFF)));
        assertThat(init.read(BLOCKS - 1, 1, BS)).isEqualTo(new byte[BS]);
        ScsiResponse status = init.send(ProvisioningCommandsTest.getLbaStatus(BLOCKS - 1, 24), 24);
        assertThat(status.dataInBytes()[20] & 0x0F).isEqualTo(1); // deallocated, though mid physical block
    }

    @Test
    void reservedAndObsoletePowerConditionsAreInvalidFieldsInTheCdb() {
        // SBC-4 table "POWER CONDITION field": 4h, 6h, 8h-9h, Ch-Fh reserved, 5h obsolete; libiscsi
        // StartStopUnit.PwrCnd expects GOOD for every code 1h-Fh
        for (int code : new int[] {0x4, 0x5, 0x6, 0x8, 0x9, 0xC, 0xD, 0xE, 0xF}) {
            check(init.send(startStop(1, code, 0, 0, 1, 0), 0), SenseData.invalidFieldInCdb(4, 7));
        }
        for (int code : new int[] {0x1, 0x2, 0x3, 0x7, 0xA, 0xB}) {
            good(init.send(startStop(1, code, 0, 0, 1, 0), 0)); // LOEJ and START ignored: nothing ejected
            good(init.send(new byte[6], 0));
        }
    }

    @Test
    void aStoppedUnitFailsTestUnitReadyWithInitializingCommandRequired() {
        // SBC-4 4.20.4 a); libiscsi StartStopUnit.NoLoej expects GOOD after START = 0, LOEJ = 0
        good(init.send(startStop(0, 0, 0, 0, 0, 0), 0));
        check(init.send(new byte[6], 0), SenseData.of(SenseKey.NOT_READY,
                AdditionalSense.LOGICAL_UNIT_NOT_READY_INITIALIZING_COMMAND_REQUIRED));
        good(init.send(startStop(0, 0, 0, 0, 0, 1), 0));
        good(init.send(new byte[6], 0));
    }

    @Test
    void inquiryClaimsSbc3AsWellAsSbc4() {
        ScsiResponse r = init.send(new byte[] {0x12, 0, 0, 0, 96, 0}, 96);
        good(r);
        byte[] descriptors = Arrays.copyOfRange(r.dataInBytes(), 58, 66);
        assertThat(descriptors).containsExactly(0x00, 0xA0, 0x04, 0x60, 0x06, 0x00, 0x04, 0xC0);
    }

    @Test
    void blockLimitsDefaultsKeepWriteSameWithinTheTransferLength() {
        ScsiResponse r = init.send(new byte[] {0x12, 1, (byte) 0xB0, 0, 64, 0}, 64);
        good(r);
        ByteBuffer b = ByteBuffer.wrap(r.dataInBytes());
        assertThat(b.getInt(8)).isEqualTo(65_535); // MAXIMUM TRANSFER LENGTH
        assertThat(b.getLong(36)).isEqualTo(65_535); // MAXIMUM WRITE SAME LENGTH
        // 0 blocks from LBA 0 means the whole medium, more than the MAXIMUM WRITE SAME LENGTH
        check(init.send(ProvisioningCommandsTest.writeSame10(0, 0, 0), new byte[BS]),
                SenseData.invalidFieldInCdb(7, 7));
        good(init.send(ProvisioningCommandsTest.writeSame10(0, BLOCKS - 65_535, 0), new byte[BS]));
    }
}
