package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sbc.fault.DiskFaults;
import io.github.scsiemu.sbc.fault.InjectedFault;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.sense.SenseKeySpecific;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The recovered read fault ({@link DiskFaults#recoverReads}): READ and VERIFY report RECOVERED ERROR, RECOVERED DATA
 * WITH RETRIES with CHECK CONDITION after transferring their data (SPC-4 4.5.6, SAM-5 5.3.2).
 */
class RecoveredReadFaultTest {

    private static final int BS = 512;

    private final Disk disk = Disk.builder(DiskConfig.builder(1024, BS).thin().build()).build();
    private final Initiator a = Initiator.connect(disk.logicalUnit());
    private final byte[] contents = new byte[128 * BS];

    RecoveredReadFaultTest() {
        new Random(3).nextBytes(contents);
        a.write(0, contents, BS);
    }

    private static SenseData recovered(long lba) {
        return SenseData.of(SenseKey.RECOVERED_ERROR, AdditionalSense.RECOVERED_DATA_WITH_RETRIES)
                .withInformation(lba)
                .withSenseKeySpecific(new SenseKeySpecific.ActualRetryCount(1));
    }

    private static SenseData readError(long lba) {
        return SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.UNRECOVERED_READ_ERROR).withInformation(lba);
    }

    private byte[] blocks(long lba, int count) {
        return Arrays.copyOfRange(contents, (int) lba * BS, (int) (lba + count) * BS);
    }

    /** Asserts CHECK CONDITION with {@code sense}, exactly the expected data-in and residual. */
    private static void recoveredWith(ScsiResponse r, SenseData sense, byte[] data, int residual) {
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense()).contains(sense);
        assertThat(r.dataInBytes()).isEqualTo(data);
        assertThat(r.dataInResidual()).isEqualTo(residual);
    }

    private static byte[] verify(int opcode, long lba, int blocks, int bytchk) {
        byte[] c = opcode == 0x2F ? Initiator.cdb10(opcode, lba, blocks) : Initiator.cdb16(opcode, lba, blocks);
        c[1] = (byte) (bytchk << 1);
        return c;
    }

    @Test
    void readTransfersAllDataThenReportsRecoveredDataWithRetriesInFixedFormat() {
        disk.faults().recoverReads(100, 10);
        ScsiResponse r = a.send(Initiator.read16(90, 20), 20 * BS);
        recoveredWith(r, recovered(100), blocks(90, 20), 0);
        assertThat(r.senseBytes()).containsExactly(
                0xF0, 0x00, 0x01, 0x00, 0x00, 0x00, 0x64, 0x0A, // VALID, current; RECOVERED ERROR; INFORMATION 100
                0x00, 0x00, 0x00, 0x00, 0x17, 0x01, 0x00, // no CSI; 17h/01h; FRU 0
                0x80, 0x00, 0x01); // SKSV, ACTUAL RETRY COUNT 1
        assertThat(DiskFaults.RECOVERED_READ_RETRY_COUNT).isEqualTo(1);
    }

    @Test
    void informationIsTheFirstLbaOfTheRangeHitWhateverTheReadSize() {
        disk.faults().recoverReads(100, 10);
        recoveredWith(a.send(Initiator.read16(105, 20), 20 * BS), recovered(105), blocks(105, 20), 0);
        recoveredWith(a.send(Initiator.read10(109, 1), BS), recovered(109), blocks(109, 1), 0);
        recoveredWith(a.send(ReadWrite6And12Test.cdb6(0x08, 99, 2), 2 * BS), recovered(100), blocks(99, 2), 0);
        recoveredWith(a.send(ReadWrite6And12Test.cdb12(0xA8, 0, 128), 128 * BS), recovered(100), blocks(0, 128), 0);
        ScsiResponse after = a.send(Initiator.read16(110, 5), 5 * BS);
        assertThat(after.status()).isEqualTo(Status.GOOD);
        assertThat(after.dataInBytes()).isEqualTo(blocks(110, 5));
        assertThat(a.read(90, 10, BS)).isEqualTo(blocks(90, 10));
    }

    @Test
    void theFaultIsDeterministicAndNotConsumed() {
        disk.faults().recoverReads(7, 1);
        for (int i = 0; i < 3; i++) {
            recoveredWith(a.send(Initiator.read16(7, 1), BS), recovered(7), blocks(7, 1), 0);
        }
    }

    @Test
    void theEngineTruncatesTheDataToTheBufferAndReportsTheResidual() {
        disk.faults().recoverReads(20, 1);
        recoveredWith(a.send(Initiator.read16(18, 4), 2 * BS), recovered(20), blocks(18, 2), -2 * BS);
        recoveredWith(a.send(Initiator.read16(18, 4), 2 * BS + 100), recovered(20),
                Arrays.copyOf(blocks(18, 3), 2 * BS + 100), -(2 * BS - 100));
        recoveredWith(a.send(Initiator.read16(18, 4), 8 * BS), recovered(20), blocks(18, 4), 4 * BS);
        recoveredWith(a.send(Initiator.read16(18, 4), 0), recovered(20), new byte[0], -4 * BS);
    }

    @Test
    void lowestOfSeveralRecoveredRangesIsReported() {
        disk.faults().recoverReads(50, 5);
        disk.faults().recoverReads(40, 1);
        recoveredWith(a.send(Initiator.read16(0, 64), 64 * BS), recovered(40), blocks(0, 64), 0);
        recoveredWith(a.send(Initiator.read16(41, 23), 23 * BS), recovered(50), blocks(41, 23), 0);
    }

    @Test
    void unrecoveredErrorsTakePriorityAndTransferNoData() {
        disk.faults().recoverReads(10, 1);
        disk.faults().failReads(20, 1);
        ScsiResponse r = a.send(Initiator.read16(0, 32), 32 * BS);
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense()).contains(readError(20));
        assertThat(r.dataInBytes()).isEmpty();
        assertThat(r.dataInResidual()).isEqualTo(32 * BS);
        recoveredWith(a.send(Initiator.read16(0, 20), 20 * BS), recovered(10), blocks(0, 20), 0);
        assertThat(a.send(verify(0x8F, 0, 32, 0b00), 0).sense()).contains(readError(20));
    }

    @Test
    void removeAndClearEndTheFault() {
        InjectedFault fault = disk.faults().recoverReads(3, 1);
        disk.faults().recoverReads(5, 1);
        recoveredWith(a.send(Initiator.read16(0, 8), 8 * BS), recovered(3), blocks(0, 8), 0);
        fault.remove();
        recoveredWith(a.send(Initiator.read16(0, 8), 8 * BS), recovered(5), blocks(0, 8), 0);
        disk.faults().clear();
        assertThat(a.read(0, 8, BS)).isEqualTo(blocks(0, 8));
        assertThat(a.send(verify(0x2F, 0, 8, 0b00), 0).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void verifyWithoutByteCheckReportsTheRecoveredErrorWithoutData() {
        disk.faults().recoverReads(30, 4);
        for (int opcode : new int[] {0x2F, 0x8F}) {
            ScsiResponse r = a.send(verify(opcode, 28, 4, 0b00), 0);
            assertThat(r.status()).as("%02x", opcode).isEqualTo(Status.CHECK_CONDITION);
            assertThat(r.sense()).contains(recovered(30));
            assertThat(r.dataInBytes()).isEmpty();
            assertThat(r.dataInResidual()).isZero();
            assertThat(r.dataOutResidual()).isZero();
        }
        assertThat(a.send(verify(0x2F, 26, 4, 0b00), 0).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void verifyWithByteCheckReportsTheRecoveredErrorOnlyIfTheDataMatches() {
        disk.faults().recoverReads(30, 4);
        ScsiResponse same = a.send(verify(0x2F, 29, 2, 0b01), blocks(29, 2));
        assertThat(same.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(same.sense()).contains(recovered(30));
        assertThat(same.dataOutResidual()).isZero();
        byte[] changed = blocks(29, 2);
        changed[BS + 9] ^= 1;
        assertThat(a.send(verify(0x2F, 29, 2, 0b01), changed).sense()).contains(
                SenseData.of(SenseKey.MISCOMPARE, AdditionalSense.MISCOMPARE_DURING_VERIFY_OPERATION)
                        .withInformation(BS + 9));
    }

    @Test
    void writesAndWriteAndVerifyAreUnaffected() {
        disk.faults().recoverReads(60, 2);
        byte[] fresh = Initiator.filled(2 * BS, 0x5A);
        a.write(60, fresh, BS);
        ScsiResponse writeAndVerify = a.send(verify(0x8E, 60, 2, 0b01), fresh);
        assertThat(writeAndVerify.status()).as("%s", writeAndVerify.sense()).isEqualTo(Status.GOOD);
        recoveredWith(a.send(Initiator.read16(60, 2), 2 * BS), recovered(60), fresh, 0);
    }
}
