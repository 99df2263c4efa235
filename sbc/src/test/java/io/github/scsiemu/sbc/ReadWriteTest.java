package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.DeviceServer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadWriteTest {

    private static final int BS = 512;
    private static final long CAPACITY = 1000;
    private static final SenseData LBA_OUT_OF_RANGE =
            SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE);
    private static final SenseData INVALID_FIELD_IN_COMMAND_INFORMATION_UNIT =
            SenseData.of(SenseKey.ILLEGAL_REQUEST, new AdditionalSense(0x0E, 0x03));

    private final SparseMemoryBlockStore store = new SparseMemoryBlockStore(BS, CAPACITY);
    private final DiskConfig config = DiskConfig.of(CAPACITY, BS, "DISK", "S1").withMaximumTransferLength(256);
    private final DeviceServer lu = BlockDevice.create(config, store);
    private final Initiator init = Initiator.connect(lu);

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void write10ThenRead10ReturnsTheData() {
        byte[] data = random(3 * BS, 1);
        ScsiResponse w = init.send(Initiator.write10(17, 3), data);
        assertThat(w.status()).isEqualTo(Status.GOOD);
        assertThat(w.dataOutResidual()).isZero();
        ScsiResponse r = init.send(Initiator.read10(17, 3), 3 * BS);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataInBytes()).isEqualTo(data);
        assertThat(r.dataInResidual()).isZero();
    }

    @Test
    void writesAndReadsCrossChunkBoundaries() {
        // 64 KiB chunks hold 128 blocks: LBAs 120..139 span chunks 0 and 1
        byte[] data = random(20 * BS, 2);
        init.write(120, data, BS);
        assertThat(store.allocatedChunks()).isEqualTo(2);
        byte[] read = init.read(100, 60, BS);
        assertThat(Arrays.copyOfRange(read, 0, 20 * BS)).isEqualTo(new byte[20 * BS]);
        assertThat(Arrays.copyOfRange(read, 20 * BS, 40 * BS)).isEqualTo(data);
        assertThat(Arrays.copyOfRange(read, 40 * BS, 60 * BS)).isEqualTo(new byte[20 * BS]);
        ScsiResponse r10 = init.send(Initiator.read10(120, 20), 20 * BS);
        assertThat(r10.dataInBytes()).isEqualTo(data);
    }

    @Test
    void unwrittenBlocksReadAsZerosAndAllocateNothing() {
        assertThat(init.read(0, 256, BS)).isEqualTo(new byte[256 * BS]);
        assertThat(init.read(CAPACITY - 1, 1, BS)).isEqualTo(new byte[BS]);
        assertThat(store.allocatedChunks()).isZero();
    }

    @Test
    void the4096ByteBlockDiskRoundTrips() {
        DeviceServer disk = BlockDevice.create(DiskConfig.of(100, 4096, "DISK", "S2"));
        Initiator i = Initiator.connect(disk);
        byte[] data = random(2 * 4096, 3);
        i.write(98, data, 4096);
        assertThat(i.read(98, 2, 4096)).isEqualTo(data);
        assertThat(i.send(Initiator.read10(99, 2), 2 * 4096).sense()).contains(LBA_OUT_OF_RANGE);
    }

    @Test
    void theLastBlockIsInRangeAndTheOneAfterItIsNot() {
        init.write(CAPACITY - 1, Initiator.filled(BS, 0x5A), BS);
        assertThat(init.read(CAPACITY - 1, 1, BS)).isEqualTo(Initiator.filled(BS, 0x5A));
        assertThat(init.send(Initiator.read10(CAPACITY, 1), BS).sense()).contains(LBA_OUT_OF_RANGE);
        assertThat(init.send(Initiator.read10(CAPACITY - 1, 2), 2 * BS).sense()).contains(LBA_OUT_OF_RANGE);
        assertThat(init.send(Initiator.read16(CAPACITY, 1), BS).sense()).contains(LBA_OUT_OF_RANGE);
        ScsiResponse w = init.send(Initiator.write10(CAPACITY, 1), Initiator.filled(BS, 1));
        assertThat(w.sense()).contains(LBA_OUT_OF_RANGE);
        assertThat(w.dataOutResidual()).isZero();
        assertThat(init.send(Initiator.write16(CAPACITY - 1, 2), new byte[2 * BS]).sense())
                .contains(LBA_OUT_OF_RANGE);
        assertThat(init.read(CAPACITY - 1, 1, BS)).isEqualTo(Initiator.filled(BS, 0x5A));
    }

    @Test
    void lbasNear2To64AreOutOfRangeWithoutOverflow() {
        for (long lba : new long[] {-1L, -2L, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFF_FFFFL}) {
            assertThat(init.send(Initiator.read16(lba, 1), BS).sense()).as("read %x", lba)
                    .contains(LBA_OUT_OF_RANGE);
            assertThat(init.send(Initiator.read16(lba, 2), 2 * BS).sense()).as("read2 %x", lba)
                    .contains(LBA_OUT_OF_RANGE);
            assertThat(init.send(Initiator.read16(lba, 0), 0).sense()).as("read0 %x", lba)
                    .contains(LBA_OUT_OF_RANGE);
            assertThat(init.send(Initiator.write16(lba, 1), new byte[BS]).sense()).as("write %x", lba)
                    .contains(LBA_OUT_OF_RANGE);
        }
        assertThat(init.send(Initiator.read10(0xFFFF_FFFFL, 0), 0).sense()).contains(LBA_OUT_OF_RANGE);
        assertThat(store.allocatedChunks()).isZero();
    }

    @Test
    void zeroTransferLengthTransfersNothing() {
        ScsiResponse r = init.send(Initiator.read10(5, 0), 4096);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataInBytes()).isEmpty();
        assertThat(r.dataInResidual()).isEqualTo(4096);
        assertThat(init.send(Initiator.read16(CAPACITY, 0), 0).status()).isEqualTo(Status.GOOD);
        assertThat(init.send(Initiator.read10(CAPACITY + 1, 0), 0).sense()).contains(LBA_OUT_OF_RANGE);
        ScsiResponse w = init.send(Initiator.write10(5, 0), new byte[0]);
        assertThat(w.status()).isEqualTo(Status.GOOD);
        assertThat(w.dataOutResidual()).isZero();
        assertThat(init.send(Initiator.write16(5, 0), new byte[0]).status()).isEqualTo(Status.GOOD);
        assertThat(store.allocatedChunks()).isZero();
    }

    @Test
    void protectionFieldsAreRejectedAtTheirMostSignificantBit() {
        for (int protect = 1; protect < 8; protect++) {
            byte[] r10 = Initiator.read10(0, 1);
            r10[1] = (byte) (protect << 5);
            assertThat(init.send(r10, BS).sense()).contains(SenseData.invalidFieldInCdb(1, 7));
            byte[] w16 = Initiator.write16(0, 1);
            w16[1] = (byte) (protect << 5);
            ScsiResponse w = init.send(w16, Initiator.filled(BS, 9));
            assertThat(w.sense()).contains(SenseData.invalidFieldInCdb(1, 7));
            assertThat(w.dataOutResidual()).isZero();
        }
        assertThat(store.allocatedChunks()).isZero();
    }

    @Test
    void reservedBitsAreRejectedWithTheirFieldPointer() {
        assertRejected(Initiator.read10(0, 1), 1, 0x01, 1, 0);
        assertRejected(Initiator.read10(0, 1), 6, 0x40, 6, 6);
        assertRejected(Initiator.read10(0, 1), 6, 0x80, 6, 7);
        assertRejected(Initiator.read10(0, 1), 9, 0x04, 9, 2); // NACA
        assertRejected(Initiator.read16(0, 1), 1, 0x01, 1, 0); // DLD2
        assertRejected(Initiator.read16(0, 1), 14, 0x80, 14, 7); // DLD1
        assertRejected(Initiator.read16(0, 1), 14, 0x40, 14, 6); // DLD0
        assertRejected(Initiator.write10(0, 1), 1, 0x04, 1, 2);
        assertRejected(Initiator.write10(0, 1), 1, 0x01, 1, 0);
        assertRejected(Initiator.write10(0, 1), 6, 0xC0, 6, 7);
        assertRejected(Initiator.write16(0, 1), 1, 0x04, 1, 2);
        assertRejected(Initiator.write16(0, 1), 1, 0x01, 1, 0);
        assertRejected(Initiator.write16(0, 1), 14, 0x40, 14, 6);
        assertThat(store.allocatedChunks()).isZero();
    }

    private void assertRejected(byte[] cdb, int index, int bits, int byteOffset, int bit) {
        cdb[index] |= (byte) bits;
        ScsiResponse r = cdb[0] == 0x2A || cdb[0] == (byte) 0x8A ? init.send(cdb, Initiator.filled(BS, 7))
                : init.send(cdb, BS);
        assertThat(r.sense()).as("opcode %02x byte %d bits %02x", cdb[0], index, bits)
                .contains(SenseData.invalidFieldInCdb(byteOffset, bit));
    }

    @Test
    void cacheHintsFuaNvAndGroupNumberAreAccepted() {
        byte[] w10 = Initiator.write10(3, 1);
        w10[1] = 0x1A; // DPO, FUA, FUA_NV
        w10[6] = 0x3F;
        assertThat(init.send(w10, Initiator.filled(BS, 0x33)).status()).isEqualTo(Status.GOOD);
        byte[] r10 = Initiator.read10(3, 1);
        r10[1] = 0x1E; // DPO, FUA, RARC, FUA_NV
        r10[6] = 0x3F;
        assertThat(init.send(r10, BS).dataInBytes()).isEqualTo(Initiator.filled(BS, 0x33));
        byte[] r16 = Initiator.read16(3, 1);
        r16[1] = 0x1E;
        r16[14] = 0x3F;
        assertThat(init.send(r16, BS).dataInBytes()).isEqualTo(Initiator.filled(BS, 0x33));
        byte[] w16 = Initiator.write16(3, 1);
        w16[1] = 0x1A;
        w16[14] = 0x3F;
        assertThat(init.send(w16, Initiator.filled(BS, 0x44)).status()).isEqualTo(Status.GOOD);
        assertThat(init.read(3, 1, BS)).isEqualTo(Initiator.filled(BS, 0x44));
    }

    @Test
    void transferLengthAboveTheMaximumIsAnInvalidField() {
        assertThat(init.send(Initiator.read10(0, 256), 256 * BS).status()).isEqualTo(Status.GOOD);
        assertThat(init.send(Initiator.read10(0, 257), 257 * BS).sense())
                .contains(SenseData.invalidFieldInCdb(7, 7));
        assertThat(init.send(Initiator.read16(0, 257), 257 * BS).sense())
                .contains(SenseData.invalidFieldInCdb(10, 7));
        assertThat(init.send(Initiator.read16(0, 0xFFFF_FFFFL), 0).sense())
                .contains(SenseData.invalidFieldInCdb(10, 7));
        ScsiResponse w = init.send(Initiator.write10(0, 257), new byte[257 * BS]);
        assertThat(w.sense()).contains(SenseData.invalidFieldInCdb(7, 7));
        assertThat(w.dataOutResidual()).isZero();
        assertThat(init.send(Initiator.write16(0, 257), new byte[257 * BS]).sense())
                .contains(SenseData.invalidFieldInCdb(10, 7));
        assertThat(store.allocatedChunks()).isZero();
    }

    @Test
    void readDataIsTruncatedToTheDataInBufferWithResiduals() {
        init.write(0, random(2 * BS, 4), BS);
        byte[] expected = init.read(0, 2, BS);
        ScsiResponse short200 = init.send(Initiator.read10(0, 1), 200);
        assertThat(short200.status()).isEqualTo(Status.GOOD);
        assertThat(short200.dataInBytes()).isEqualTo(Arrays.copyOf(expected, 200));
        assertThat(short200.dataInResidual()).isEqualTo(-(BS - 200));
        ScsiResponse oneOfTwo = init.send(Initiator.read10(0, 2), BS);
        assertThat(oneOfTwo.dataInBytes()).isEqualTo(Arrays.copyOf(expected, BS));
        assertThat(oneOfTwo.dataInResidual()).isEqualTo(-BS);
        ScsiResponse large = init.send(Initiator.read10(0, 1), 10000);
        assertThat(large.dataInBytes()).isEqualTo(Arrays.copyOf(expected, BS));
        assertThat(large.dataInResidual()).isEqualTo(10000 - BS);
        ScsiResponse none = init.send(Initiator.read10(0, 1), 0);
        assertThat(none.status()).isEqualTo(Status.GOOD);
        assertThat(none.dataInBytes()).isEmpty();
        assertThat(none.dataInResidual()).isEqualTo(-BS);
    }

    @Test
    void extraDataOutIsIgnoredAndReportedAsUnderflow() {
        init.write(0, Initiator.filled(2 * BS, 'a'), BS);
        ScsiResponse w = init.send(Initiator.write10(0, 1), Initiator.filled(2 * BS, 'b'));
        assertThat(w.status()).isEqualTo(Status.GOOD);
        assertThat(w.dataOutResidual()).isEqualTo(BS);
        assertThat(init.read(0, 1, BS)).isEqualTo(Initiator.filled(BS, 'b'));
        assertThat(init.read(1, 1, BS)).isEqualTo(Initiator.filled(BS, 'a'));
    }

    @Test
    void wholeBlocksShortOfTheTransferLengthAreWrittenAndReportedAsOverflow() {
        init.write(0, Initiator.filled(2 * BS, 'a'), BS);
        ScsiResponse w = init.send(Initiator.write16(0, 2), Initiator.filled(BS, 'b'));
        assertThat(w.status()).isEqualTo(Status.GOOD);
        assertThat(w.dataOutResidual()).isEqualTo(-BS);
        assertThat(init.read(0, 1, BS)).isEqualTo(Initiator.filled(BS, 'b'));
        assertThat(init.read(1, 1, BS)).isEqualTo(Initiator.filled(BS, 'a'));
    }

    @Test
    void noDataOutWritesNothingAndReportsTheWholeTransferAsOverflow() {
        init.write(0, Initiator.filled(BS, 'a'), BS);
        ScsiResponse w = init.send(Initiator.write10(0, 1), new byte[0]);
        assertThat(w.status()).isEqualTo(Status.GOOD);
        assertThat(w.dataOutResidual()).isEqualTo(-BS);
        assertThat(init.read(0, 1, BS)).isEqualTo(Initiator.filled(BS, 'a'));
    }

    @Test
    void aPartialBlockOfDataOutIsRejectedAndWritesNothing() {
        init.write(0, Initiator.filled(2 * BS, 'a'), BS);
        ScsiResponse w = init.send(Initiator.write10(0, 1), Initiator.filled(200, 'b'));
        assertThat(w.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(w.sense()).contains(INVALID_FIELD_IN_COMMAND_INFORMATION_UNIT);
        assertThat(w.dataOutResidual()).isEqualTo(-(BS - 200));
        ScsiResponse w2 = init.send(Initiator.write16(0, 2), Initiator.filled(BS + 1, 'b'));
        assertThat(w2.sense()).contains(INVALID_FIELD_IN_COMMAND_INFORMATION_UNIT);
        assertThat(w2.dataOutResidual()).isEqualTo(-(BS - 1));
        assertThat(init.read(0, 2, BS)).isEqualTo(Initiator.filled(2 * BS, 'a'));
    }

    @Test
    void oneTebibyteThinDiskWrittenAtItsLastLbaAllocatesOneChunk() {
        long capacity = (1L << 40) / BS;
        SparseMemoryBlockStore thin = new SparseMemoryBlockStore(BS, capacity);
        Initiator i = Initiator.connect(BlockDevice.create(DiskConfig.of(capacity, BS, "THIN", "T1"), thin));
        byte[] data = random(BS, 5);
        i.write(capacity - 1, data, BS);
        assertThat(thin.allocatedChunks()).isEqualTo(1);
        assertThat(thin.allocatedBytes()).isEqualTo(SparseMemoryBlockStore.DEFAULT_CHUNK_SIZE);
        assertThat(i.read(capacity - 1, 1, BS)).isEqualTo(data);
        assertThat(i.read(capacity - 2, 1, BS)).isEqualTo(new byte[BS]);
        assertThat(i.read(0, 1, BS)).isEqualTo(new byte[BS]);
        assertThat(thin.allocatedChunks()).isEqualTo(1);
        assertThat(i.send(Initiator.write16(capacity, 1), data).sense()).contains(LBA_OUT_OF_RANGE);
    }
}
