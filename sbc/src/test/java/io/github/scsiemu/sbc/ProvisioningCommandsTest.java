package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** WRITE SAME (10)/(16), UNMAP and GET LBA STATUS on thin and fully provisioned disks (SBC-4 4.7, 5.8, 5.32, 5.49, 5.50). */
class ProvisioningCommandsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final int BS = 512;
    private static final SenseData LBA_OUT_OF_RANGE =
            SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE);
    private static final SenseData PARAMETER_LIST_LENGTH_ERROR =
            SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);

    private final SparseMemoryBlockStore store = new SparseMemoryBlockStore(BS, 4096);
    private final Disk thin = Disk.builder(DiskConfig.builder(4096, BS).thin().build()).store(store).build();
    private final Initiator init = Initiator.connect(thin.logicalUnit());

    // ------------------------------------------------------------------------------------------------- CDBs

    static byte[] writeSame10(int flags, long lba, int blocks) {
        byte[] c = Initiator.cdb10(0x41, lba, blocks);
        c[1] = (byte) flags;
        return c;
    }

    static byte[] writeSame16(int flags, long lba, long blocks) {
        byte[] c = Initiator.cdb16(0x93, lba, blocks);
        c[1] = (byte) flags;
        return c;
    }

    static byte[] unmap(int flags, int parameterListLength) {
        byte[] c = new byte[10];
        c[0] = 0x42;
        c[1] = (byte) flags;
        ByteBuffer.wrap(c).putShort(7, (short) parameterListLength);
        return c;
    }

    /** An UNMAP parameter list with the given (lba, blocks) pairs. */
    static byte[] unmapList(long... lbaBlocks) {
        int n = lbaBlocks.length / 2;
        ByteBuffer b = ByteBuffer.allocate(8 + 16 * n);
        b.putShort((short) (6 + 16 * n)).putShort((short) (16 * n)).putInt(0);
        for (int i = 0; i < n; i++) {
            b.putLong(lbaBlocks[2 * i]).putInt((int) lbaBlocks[2 * i + 1]).putInt(0);
        }
        return b.array();
    }

    static byte[] getLbaStatus(long lba, int allocationLength) {
        byte[] c = Initiator.cdb16(0x9E, lba, allocationLength);
        c[1] = 0x12;
        return c;
    }

    private static final int UNMAP = 0x08;
    private static final int ANCHOR = 0x10;
    private static final int NDOB = 0x01;

    private ScsiResponse sendUnmap(int flags, byte[] list) {
        return init.send(unmap(flags, list.length), list);
    }

    private static void good(ScsiResponse r) {
        assertThat(r.status()).as("%s", r.sense()).isEqualTo(Status.GOOD);
    }

    private static void check(ScsiResponse r, SenseData expected) {
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense()).contains(expected);
    }

    private String lbaStatus(long lba, int allocationLength) {
        ScsiResponse r = init.send(getLbaStatus(lba, allocationLength), allocationLength);
        good(r);
        return HEX.formatHex(r.dataInBytes());
    }

    private static String descriptor(long lba, long blocks, int status) {
        return String.format("%016x%08x%02x000000", lba, blocks, status);
    }

    // ------------------------------------------------------------------------------------------- WRITE SAME

    @Test
    void writeSame16WritesTheBlockToEveryLbaThroughBoundedBuffers() {
        byte[] block = Initiator.filled(BS, 0x5A);
        // 3000 blocks are 1.5 MB: more than one buffer of Medium.WRITE_SAME_BUFFER_BYTES
        good(init.send(writeSame16(0, 100, 3000), block));
        byte[] back = init.read(100, 3000, BS);
        assertThat(back).isEqualTo(repeat(block, 3000));
        assertThat(init.read(99, 1, BS)).isEqualTo(new byte[BS]);
        assertThat(init.read(3100, 1, BS)).isEqualTo(new byte[BS]);
        assertThat(lbaStatus(100, 24)).isEqualTo("00000014" + "00000000" + descriptor(100, 3000, 0));
    }

    @Test
    void writeSame10WritesAndZeroBlocksMeansToTheEndOfTheMedium() {
        byte[] block = Initiator.filled(BS, 0x11);
        good(init.send(writeSame10(0, 4000, 0), block));
        assertThat(init.read(4000, 96, BS)).isEqualTo(repeat(block, 96));
        assertThat(init.read(3999, 1, BS)).isEqualTo(new byte[BS]);
    }

    @Test
    void writeSameWithUnmapAndZerosDeallocatesAndWithAnchorAnchors() {
        init.write(0, Initiator.filled(64 * BS, 0xEE), BS);
        good(init.send(writeSame16(UNMAP, 8, 8), new byte[BS]));
        good(init.send(writeSame10(UNMAP | ANCHOR, 20, 4), new byte[BS]));
        assertThat(init.read(8, 8, BS)).isEqualTo(new byte[8 * BS]);
        assertThat(lbaStatus(0, 8 + 5 * 16)).isEqualTo("00000054" + "00000000" + descriptor(0, 8, 0)
                + descriptor(8, 8, 1) + descriptor(16, 4, 0) + descriptor(20, 4, 2) + descriptor(24, 40, 0));
    }

    @Test
    void writeSameWithUnmapAndNonZeroDataDeallocatesAllTheSame() {
        init.write(0, Initiator.filled(8 * BS, 0x55), BS);
        good(init.send(writeSame16(UNMAP, 0, 4), Initiator.filled(BS, 0x77)));
        assertThat(init.read(0, 4, BS)).isEqualTo(new byte[4 * BS]);
        assertThat(lbaStatus(0, 24 + 16)).isEqualTo("00000024" + "00000000" + descriptor(0, 4, 1)
                + descriptor(4, 4, 0));
    }

    @Test
    void writeSame16WithNdobWritesZerosOrDeallocatesWithoutDataOut() {
        init.write(0, Initiator.filled(8 * BS, 0x33), BS);
        ScsiResponse r = init.send(writeSame16(NDOB, 0, 2), 0);
        good(r);
        assertThat(r.dataOutResidual()).isZero();
        good(init.send(writeSame16(NDOB | UNMAP, 2, 2), 0));
        assertThat(init.read(0, 4, BS)).isEqualTo(new byte[4 * BS]);
        assertThat(lbaStatus(0, 8 + 3 * 16)).isEqualTo("00000034" + "00000000" + descriptor(0, 2, 0)
                + descriptor(2, 2, 1) + descriptor(4, 4, 0));
    }

    @Test
    void writeSameChecksFieldsInOrder() {
        byte[] zeros = new byte[BS];
        check(init.send(writeSame16(0x20, 0, 1), zeros), SenseData.invalidFieldInCdb(1, 7)); // WRPROTECT
        check(init.send(writeSame16(ANCHOR, 0, 1), zeros), SenseData.invalidFieldInCdb(1, 4)); // ANCHOR w/o UNMAP
        check(init.send(writeSame10(0x04, 0, 1), zeros), SenseData.invalidFieldInCdb(1, 2)); // obsolete PBDATA
        check(init.send(writeSame16(0, 4096, 1), zeros), LBA_OUT_OF_RANGE);
        check(init.send(writeSame16(0, 4097, 0), zeros), LBA_OUT_OF_RANGE);
        check(init.send(writeSame16(0, -1L, 1), zeros), LBA_OUT_OF_RANGE);
        good(init.send(writeSame16(0, 4096, 0), zeros)); // zero blocks to the end, from the end: nothing
    }

    @Test
    void writeSameRefusesADataOutOfOtherThanOneBlock() {
        init.write(0, Initiator.filled(BS, 0x44), BS);
        SenseData iu = SenseData.of(SenseKey.ILLEGAL_REQUEST,
                AdditionalSense.INVALID_FIELD_IN_COMMAND_INFORMATION_UNIT);
        ScsiResponse small = init.send(writeSame10(UNMAP, 0, 1), new byte[BS / 2]);
        check(small, iu);
        check(init.send(writeSame10(UNMAP, 0, 1), new byte[2 * BS]), iu);
        assertThat(init.read(0, 1, BS)).isEqualTo(Initiator.filled(BS, 0x44));
    }

    @Test
    void writeSameEnforcesTheMaximumWriteSameLength() {
        DiskConfig config = DiskConfig.builder(1000, BS).thin().limits(limitsWithMaximumWriteSameLength(16)).build();
        Initiator i = Initiator.connect(BlockDevice.create(config));
        check(i.send(writeSame16(0, 0, 17), new byte[BS]), SenseData.invalidFieldInCdb(10, 7));
        check(i.send(writeSame10(0, 0, 17), new byte[BS]), SenseData.invalidFieldInCdb(7, 7));
        check(i.send(writeSame16(0, 0, 0), new byte[BS]), SenseData.invalidFieldInCdb(10, 7)); // 1000 to the end
        good(i.send(writeSame16(0, 984, 0), new byte[BS])); // 16 to the end
        good(i.send(writeSame16(0, 0, 16), new byte[BS]));
    }

    @Test
    void writeSameOverTwoToTheThirtyBlocksOfAThinTerabyteDiskDeallocatesWithoutAllocating() {
        long capacity = 1L << 31; // 1 TiB of 512-byte blocks
        SparseMemoryBlockStore big = new SparseMemoryBlockStore(BS, capacity);
        Disk disk = Disk.builder(DiskConfig.builder(capacity, BS).thin().limits(limitsWithMaximumWriteSameLength(0))
                .build()).store(big).build();
        Initiator i = Initiator.connect(disk.logicalUnit());
        i.write(5, Initiator.filled(BS, 0x99), BS);
        i.write((1L << 30) + 7, Initiator.filled(BS, 0x98), BS);
        assertThat(big.allocatedChunks()).isEqualTo(2);

        good(i.send(writeSame16(UNMAP, 0, 1L << 30), new byte[BS]));

        assertThat(big.allocatedChunks()).isEqualTo(1);
        assertThat(i.read(5, 1, BS)).isEqualTo(new byte[BS]);
        good(i.send(writeSame16(UNMAP | NDOB, 1L << 30, 1L << 30), 0));
        assertThat(big.allocatedChunks()).isZero();
        ScsiResponse r = i.send(getLbaStatus(0, 24), 24);
        assertThat(HEX.formatHex(r.dataInBytes()))
                .isEqualTo("00000014" + "00000000" + descriptor(0, 1L << 31, 1));
    }

    @Test
    void writeSameOnAFullyProvisionedDiskRefusesUnmapAndAnchor() {
        Initiator full = Initiator.connect(BlockDevice.create(DiskConfig.of(100, BS, "DISK", "S1")));
        check(full.send(writeSame16(UNMAP, 0, 1), new byte[BS]), SenseData.invalidFieldInCdb(1, 3));
        check(full.send(writeSame10(UNMAP | ANCHOR, 0, 1), new byte[BS]), SenseData.invalidFieldInCdb(1, 3));
        good(full.send(writeSame16(0, 0, 2), Initiator.filled(BS, 0x21)));
        assertThat(full.read(0, 2, BS)).isEqualTo(Initiator.filled(2 * BS, 0x21));
    }

    // ------------------------------------------------------------------------------------------------ UNMAP

    @Test
    void unmapDeallocatesEveryDescriptorAndAnchorAnchors() {
        init.write(0, Initiator.filled(32 * BS, 0xAB), BS);
        good(sendUnmap(0, unmapList(2, 3, 10, 1, 11, 0, 4095, 0)));
        good(sendUnmap(1, unmapList(20, 2)));
        assertThat(init.read(2, 3, BS)).isEqualTo(new byte[3 * BS]);
        assertThat(init.read(1, 1, BS)).isEqualTo(Initiator.filled(BS, 0xAB));
        assertThat(lbaStatus(0, 8 + 7 * 16)).isEqualTo("00000074" + "00000000" + descriptor(0, 2, 0)
                + descriptor(2, 3, 1) + descriptor(5, 5, 0) + descriptor(10, 1, 1) + descriptor(11, 9, 0)
                + descriptor(20, 2, 2) + descriptor(22, 10, 0));
    }

    @Test
    void unmapWithoutParameterListOrDescriptorsIsANoOp() {
        good(init.send(unmap(0, 0), new byte[0]));
        good(sendUnmap(0, unmapList()));
        good(sendUnmap(0, unmapList(4096, 0))); // zero blocks at the end of the medium
    }

    @Test
    void unmapRefusesTruncatedParameterLists() {
        check(sendUnmap(0, new byte[7]), PARAMETER_LIST_LENGTH_ERROR);
        byte[] twoAnnounced = unmapList(0, 1, 2, 1);
        check(init.send(unmap(0, 8 + 16 + 8), java.util.Arrays.copyOf(twoAnnounced, 8 + 16 + 8)),
                PARAMETER_LIST_LENGTH_ERROR);
    }

    @Test
    void unmapIgnoresAnIncompleteLastDescriptor() {
        init.write(0, Initiator.filled(4 * BS, 0xCD), BS);
        byte[] list = unmapList(0, 1, 2, 1);
        ByteBuffer.wrap(list).putShort(2, (short) 24); // one and a half descriptors announced
        good(sendUnmap(0, list));
        assertThat(init.read(0, 1, BS)).isEqualTo(new byte[BS]);
        assertThat(init.read(2, 1, BS)).isEqualTo(Initiator.filled(BS, 0xCD));
    }

    @Test
    void unmapEnforcesTheLimitsWithFieldPointersBeforeChangingAnything() {
        DiskConfig config = DiskConfig.builder(1000, BS).thin()
                .limits(BlockLimits.DEFAULT.withUnmapLimits(10, 2)).build();
        Disk disk = Disk.builder(config).build();
        Initiator i = Initiator.connect(disk.logicalUnit());
        i.write(0, Initiator.filled(BS, 0x01), BS);
        check(i.send(unmap(0, 56), unmapList(0, 1, 1, 1, 2, 1)), SenseData.invalidFieldInParameterList(2, 7));
        check(i.send(unmap(0, 40), unmapList(0, 4, 100, 7)), SenseData.invalidFieldInParameterList(24 + 8, 7));
        check(i.send(unmap(0, 40), unmapList(0, 1, 999, 2)), LBA_OUT_OF_RANGE);
        assertThat(i.read(0, 1, BS)).isEqualTo(Initiator.filled(BS, 0x01));
        good(i.send(unmap(0, 40), unmapList(0, 4, 100, 6)));
    }

    @Test
    void fullyProvisionedDiskHasNoUnmapNorGetLbaStatus() {
        Initiator full = Initiator.connect(BlockDevice.create(DiskConfig.of(100, BS, "DISK", "S1")));
        check(full.send(unmap(0, 24), unmapList(0, 1)), SenseData.invalidCommandOperationCode());
        ScsiResponse r = full.send(getLbaStatus(0, 24), 24);
        assertThat(r.status()).isEqualTo(Status.CHECK_CONDITION);
        assertThat(r.sense().orElseThrow().senseKey()).isEqualTo(SenseKey.ILLEGAL_REQUEST);
    }

    // -------------------------------------------------------------------------------------- GET LBA STATUS

    @Test
    void getLbaStatusStartsAtTheRequestedLbaAndFitsTheAllocationLength() {
        init.write(10, Initiator.filled(10 * BS, 1), BS);
        assertThat(lbaStatus(0, 8 + 3 * 16)).isEqualTo("00000034" + "00000000" + descriptor(0, 10, 1)
                + descriptor(10, 10, 0) + descriptor(20, 4076, 1));
        assertThat(lbaStatus(15, 24)).isEqualTo("00000014" + "00000000" + descriptor(15, 5, 0));
        assertThat(lbaStatus(15, 8 + 2 * 16 + 15)).isEqualTo("00000024" + "00000000" + descriptor(15, 5, 0)
                + descriptor(20, 4076, 1));
        assertThat(lbaStatus(4095, 1000)).isEqualTo("00000014" + "00000000" + descriptor(4095, 1, 1));
    }

    @Test
    void getLbaStatusWithASmallAllocationLengthIsTruncatedAfterOneDescriptor() {
        ScsiResponse r = init.send(getLbaStatus(0, 8), 8);
        good(r);
        assertThat(HEX.formatHex(r.dataInBytes())).isEqualTo("00000014" + "00000000");
    }

    @Test
    void getLbaStatusBeyondTheEndIsOutOfRange() {
        check(init.send(getLbaStatus(4096, 24), 24), LBA_OUT_OF_RANGE);
        check(init.send(getLbaStatus(-1L, 24), 24), LBA_OUT_OF_RANGE);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static BlockLimits limitsWithMaximumWriteSameLength(long blocks) {
        BlockLimits d = BlockLimits.DEFAULT;
        return new BlockLimits(d.maximumTransferLength(), d.optimalTransferLength(),
                d.optimalTransferLengthGranularity(), d.maximumCompareAndWriteLength(), d.maximumUnmapLbaCount(),
                d.maximumUnmapBlockDescriptorCount(), d.optimalUnmapGranularity(), d.unmapGranularityAlignment(),
                blocks, d.maximumAtomicTransferLength(), d.atomicAlignment(), d.atomicTransferLengthGranularity());
    }

    private static byte[] repeat(byte[] block, int times) {
        ByteBuffer b = ByteBuffer.allocate(block.length * times);
        for (int i = 0; i < times; i++) {
            b.put(block);
        }
        return b.array();
    }
}
