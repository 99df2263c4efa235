package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.DeviceServer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** COMPARE AND WRITE (SBC-4 5.3). */
class CompareAndWriteTest {

    private static final int BS = 512;
    private static final long CAPACITY = 100;

    private final DiskConfig config = DiskConfig.builder(CAPACITY, BS)
            .limits(BlockLimits.DEFAULT.withMaximumCompareAndWriteLength(4)).build();
    private final DeviceServer lu = BlockDevice.create(config);
    private final Initiator init = Initiator.connect(lu);

    static byte[] caw(long lba, int blocks) {
        byte[] c = new byte[16];
        c[0] = (byte) 0x89;
        ByteBuffer.wrap(c).putLong(2, lba);
        c[13] = (byte) blocks;
        return c;
    }

    private static SenseData miscompareAt(long offset) {
        return SenseData.of(SenseKey.MISCOMPARE, AdditionalSense.MISCOMPARE_DURING_VERIFY_OPERATION)
                .withInformation(offset);
    }

    @Test
    void aMatchingVerifyInstanceWritesTheWriteInstance() {
        init.write(10, Initiator.filled(2 * BS, 'A'), BS);
        byte[] dataOut = ReadWrite6And12Test.concat(Initiator.filled(2 * BS, 'A'), Initiator.filled(2 * BS, 'B'));
        ScsiResponse r = init.send(caw(10, 2), dataOut);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataOutResidual()).isZero();
        assertThat(init.read(10, 2, BS)).isEqualTo(Initiator.filled(2 * BS, 'B'));
    }

    @Test
    void aMiscompareReportsTheOffsetOfTheFirstDifferenceAndWritesNothing() {
        init.write(CAPACITY - 3, Initiator.filled(3 * BS, 'A'), BS);
        byte[] verify = Initiator.filled(3 * BS, 'A');
        verify[3 * BS - 27] = 'C';
        verify[3 * BS - 1] = 'D';
        ScsiResponse r = init.send(caw(CAPACITY - 3, 3),
                ReadWrite6And12Test.concat(verify, Initiator.filled(3 * BS, 'B')));
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense()).contains(miscompareAt(3 * BS - 27));
        assertThat(init.read(CAPACITY - 3, 3, BS)).isEqualTo(Initiator.filled(3 * BS, 'A'));
    }

    @Test
    void numberOfLogicalBlocksIsLimitedByTheMaximumCompareAndWriteLength() {
        assertThat(init.send(caw(0, 5), new byte[10 * BS]).sense()).contains(SenseData.invalidFieldInCdb(13, 7));
        assertThat(init.send(caw(0, 4), new byte[8 * BS]).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void zeroBlocksIsANoOpAndTheRangeIsChecked() {
        ScsiResponse zero = init.send(caw(5, 0), new byte[0]);
        assertThat(zero.status()).isEqualTo(Status.GOOD);
        assertThat(zero.dataOutResidual()).isZero();
        assertThat(init.send(caw(CAPACITY - 1, 2), new byte[4 * BS]).sense()).contains(SenseData.of(
                SenseKey.ILLEGAL_REQUEST, AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE));
        assertThat(init.send(caw(-1L, 1), new byte[2 * BS]).sense()).contains(SenseData.of(
                SenseKey.ILLEGAL_REQUEST, AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE));
    }

    @Test
    void wrprotectAndReservedFieldsAreRejected() {
        for (int protect = 1; protect < 8; protect++) {
            byte[] c = caw(0, 1);
            c[1] = (byte) (protect << 5);
            assertThat(init.send(c, new byte[2 * BS]).sense()).contains(SenseData.invalidFieldInCdb(1, 7));
        }
        int[][] reserved = {{1, 0x04, 1, 2}, {1, 0x01, 1, 0}, {10, 0x80, 10, 7}, {11, 0x01, 11, 0},
            {12, 0x10, 12, 4}, {14, 0x40, 14, 6}, {14, 0x80, 14, 7}};
        for (int[] r : reserved) {
            byte[] c = caw(0, 1);
            c[r[0]] |= (byte) r[1];
            assertThat(init.send(c, new byte[2 * BS]).sense()).as("byte %d bits %02x", r[0], r[1])
                    .contains(SenseData.invalidFieldInCdb(r[2], r[3]));
        }
        byte[] hints = caw(0, 1);
        hints[1] = 0x1A; // DPO, FUA, FUA_NV
        hints[14] = 0x3F;
        assertThat(init.send(hints, new byte[2 * BS]).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void aDataOutBufferWithoutBothInstancesChangesNothing() {
        init.write(0, Initiator.filled(BS, 'A'), BS);
        ScsiResponse r = init.send(caw(0, 1), ReadWrite6And12Test.concat(Initiator.filled(BS, 'A'),
                Initiator.filled(100, 'B')));
        assertThat(r.sense()).contains(SenseData.invalidFieldInCdb(13, 7));
        assertThat(r.dataOutResidual()).isEqualTo(-(BS - 100));
        assertThat(init.read(0, 1, BS)).isEqualTo(Initiator.filled(BS, 'A'));
    }

    @Test
    void aDataOutBufferLongerThanBothInstancesIsRejectedAndChangesNothing() {
        init.write(0, Initiator.filled(2 * BS, 'A'), BS);
        // libiscsi's InvalidDataOutSize: one block with four blocks of data (A A B B would match if split at 2 BS)
        byte[] four = ReadWrite6And12Test.concat(Initiator.filled(2 * BS, 'A'), Initiator.filled(2 * BS, 'B'));
        ScsiResponse r = init.send(caw(0, 1), four);
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense()).contains(SenseData.invalidFieldInCdb(13, 7));
        assertThat(init.read(0, 2, BS)).isEqualTo(Initiator.filled(2 * BS, 'A'));
    }

    @Test
    void zeroBlocksWithDataOutIsAFieldErrorAtTheCountButZeroBlocksWithoutIsGood() {
        // libiscsi's Simple at 256 blocks: the one-byte count wraps to 0 while 256 blocks of each instance are sent
        ScsiResponse r = init.send(caw(0, 0), new byte[2 * 8 * BS]);
        assertThat(r.sense()).contains(SenseData.invalidFieldInCdb(13, 7));
        assertThat(init.send(caw(0, 0), new byte[0]).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void theCommandIsAbsentWhenTheMaximumCompareAndWriteLengthIsZero() {
        DiskConfig none = DiskConfig.builder(CAPACITY, BS)
                .limits(BlockLimits.DEFAULT.withMaximumCompareAndWriteLength(0)).build();
        Initiator i = Initiator.connect(BlockDevice.create(none));
        assertThat(i.send(caw(0, 1), new byte[2 * BS]).sense())
                .contains(SenseData.invalidCommandOperationCode());
    }

    /** Block 0 holds a counter in its first eight bytes; each success increments it by exactly one. */
    @Test
    void concurrentCompareAndWriteIncrementsFromSeveralNexusesLoseNoUpdate() throws Exception {
        int threads = 6;
        int attempts = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                String name = "caw" + t;
                futures.add(pool.submit(() -> {
                    Initiator i = Initiator.connect(lu, name);
                    int successes = 0;
                    for (int k = 0; k < attempts; k++) {
                        byte[] current = i.read(0, 1, BS);
                        long value = ByteBuffer.wrap(current).getLong();
                        byte[] next = current.clone();
                        ByteBuffer.wrap(next).putLong(value + 1);
                        ScsiResponse r = i.send(caw(0, 1), ReadWrite6And12Test.concat(current, next));
                        if (r.status() == Status.GOOD) {
                            successes++;
                        } else {
                            assertThat(r.sense().orElseThrow().senseKey()).isEqualTo(SenseKey.MISCOMPARE);
                        }
                    }
                    return successes;
                }));
            }
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get(120, TimeUnit.SECONDS);
            }
            long counter = ByteBuffer.wrap(init.read(0, 1, BS)).getLong();
            assertThat(total).isPositive();
            assertThat(counter).isEqualTo(total);
        } finally {
            pool.shutdownNow();
        }
    }
}
