package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** ORWRITE (16) (SBC-4 5.7) and WRITE ATOMIC (16) (SBC-4 5.48). */
class OrWriteAndWriteAtomicTest {

    private static final int BS = 512;
    private static final long CAPACITY = 200;
    private static final SenseData LBA_OUT_OF_RANGE =
            SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE);

    /** Atomic writes of at most 16 blocks, in multiples of 2 blocks, at LBAs that are multiples of 4. */
    private static final BlockLimits LIMITS = new BlockLimits(64, 8, 1, 1, 1L << 20, 256, 1, 0, 1L << 20, 16, 4,
            2);

    private final Initiator init = Initiator.connect(BlockDevice.create(
            DiskConfig.builder(CAPACITY, BS).limits(LIMITS).build()));

    static byte[] writeAtomic(long lba, int blocks) {
        byte[] c = new byte[16];
        c[0] = (byte) 0x9C;
        ByteBuffer.wrap(c).putLong(2, lba).putShort(12, (short) blocks);
        return c;
    }

    @Test
    void orWriteStoresTheBitwiseOrOfTheBlocksAndTheDataOut() {
        init.write(20, Initiator.filled(2 * BS, 0x0F), BS);
        byte[] dataOut = ReadWrite6And12Test.concat(Initiator.filled(BS, 0x30), Initiator.filled(BS, 0xF0));
        ScsiResponse r = init.send(Initiator.cdb16(0x8B, 20, 2), dataOut);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataOutResidual()).isZero();
        assertThat(init.read(20, 2, BS)).isEqualTo(
                ReadWrite6And12Test.concat(Initiator.filled(BS, 0x3F), Initiator.filled(BS, 0xFF)));
        ScsiResponse unwritten = init.send(Initiator.cdb16(0x8B, 30, 1), Initiator.filled(BS, 0x81));
        assertThat(unwritten.status()).isEqualTo(Status.GOOD);
        assertThat(init.read(30, 1, BS)).isEqualTo(Initiator.filled(BS, 0x81));
    }

    @Test
    void orWriteChecksItsFields() {
        byte[] orprotect = Initiator.cdb16(0x8B, 0, 1);
        orprotect[1] = (byte) 0x40;
        assertThat(init.send(orprotect, new byte[BS]).sense()).contains(SenseData.invalidFieldInCdb(1, 7));
        for (int[] r : new int[][] {{1, 0x04, 2}, {1, 0x02, 1}, {1, 0x01, 0}}) {
            byte[] c = Initiator.cdb16(0x8B, 0, 1);
            c[r[0]] |= (byte) r[1];
            assertThat(init.send(c, new byte[BS]).sense()).contains(SenseData.invalidFieldInCdb(1, r[2]));
        }
        byte[] group = Initiator.cdb16(0x8B, 0, 1);
        group[14] = (byte) 0x40;
        assertThat(init.send(group, new byte[BS]).sense()).contains(SenseData.invalidFieldInCdb(14, 6));
        assertThat(init.send(Initiator.cdb16(0x8B, 0, 65), new byte[65 * BS]).sense())
                .contains(SenseData.invalidFieldInCdb(10, 7));
        assertThat(init.send(Initiator.cdb16(0x8B, CAPACITY - 1, 2), new byte[2 * BS]).sense())
                .contains(LBA_OUT_OF_RANGE);
        byte[] hints = Initiator.cdb16(0x8B, 0, 1);
        hints[1] = 0x18; // DPO, FUA
        hints[14] = 0x3F;
        assertThat(init.send(hints, new byte[BS]).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void writeAtomicWritesAlignedWholeGranules() {
        byte[] data = Initiator.filled(4 * BS, 0x5C);
        ScsiResponse r = init.send(writeAtomic(8, 4), data);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataOutResidual()).isZero();
        assertThat(init.read(8, 4, BS)).isEqualTo(data);
        assertThat(init.send(writeAtomic(0, 16), new byte[16 * BS]).status()).isEqualTo(Status.GOOD);
        assertThat(init.send(writeAtomic(4, 0), new byte[0]).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void writeAtomicEnforcesTheAtomicBlockLimits() {
        assertThat(init.send(writeAtomic(0, 18), new byte[18 * BS]).sense())
                .contains(SenseData.invalidFieldInCdb(12, 7));
        assertThat(init.send(writeAtomic(0, 3), new byte[3 * BS]).sense())
                .contains(SenseData.invalidFieldInCdb(12, 7));
        assertThat(init.send(writeAtomic(2, 2), new byte[2 * BS]).sense())
                .contains(SenseData.invalidFieldInCdb(2, 7));
        byte[] boundary = writeAtomic(0, 2);
        boundary[11] = 1;
        assertThat(init.send(boundary, new byte[2 * BS]).sense()).contains(SenseData.invalidFieldInCdb(10, 7));
        assertThat(init.send(writeAtomic(CAPACITY - 4, 8), new byte[8 * BS]).sense()).contains(LBA_OUT_OF_RANGE);
        assertThat(init.read(0, 16, BS)).isEqualTo(new byte[16 * BS]);
    }

    @Test
    void writeAtomicChecksItsFieldsAndNeverWritesPartOfTheData() {
        byte[] wrprotect = writeAtomic(0, 2);
        wrprotect[1] = (byte) 0x20;
        assertThat(init.send(wrprotect, new byte[2 * BS]).sense()).contains(SenseData.invalidFieldInCdb(1, 7));
        for (int bit = 0; bit < 3; bit++) {
            byte[] c = writeAtomic(0, 2);
            c[1] |= (byte) (1 << bit);
            assertThat(init.send(c, new byte[2 * BS]).sense()).contains(SenseData.invalidFieldInCdb(1, bit));
        }
        byte[] group = writeAtomic(0, 2);
        group[14] = (byte) 0x80;
        assertThat(init.send(group, new byte[2 * BS]).sense()).contains(SenseData.invalidFieldInCdb(14, 7));
        ScsiResponse shortData = init.send(writeAtomic(4, 2), Initiator.filled(BS, 1));
        assertThat(shortData.sense()).contains(SenseData.of(SenseKey.ILLEGAL_REQUEST,
                AdditionalSense.INVALID_FIELD_IN_COMMAND_INFORMATION_UNIT));
        assertThat(shortData.dataOutResidual()).isEqualTo(-BS);
        assertThat(init.read(4, 2, BS)).isEqualTo(new byte[2 * BS]);
    }

    @Test
    void writeAtomicIsAbsentWhenTheMaximumAtomicTransferLengthIsZero() {
        BlockLimits none = new BlockLimits(64, 8, 1, 1, 1L << 20, 256, 1, 0, 1L << 20, 0, 0, 0);
        Initiator i = Initiator.connect(BlockDevice.create(DiskConfig.builder(CAPACITY, BS).limits(none).build()));
        assertThat(i.send(writeAtomic(0, 1), new byte[BS]).sense())
                .contains(SenseData.invalidCommandOperationCode());
    }
}
