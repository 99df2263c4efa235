package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** READ (6), WRITE (6), READ (12) and WRITE (12) (SBC-4 5.15, 5.17, 5.39, 5.41). */
class ReadWrite6And12Test {

    private static final int BS = 512;
    private static final long CAPACITY = 3000;
    private static final SenseData LBA_OUT_OF_RANGE =
            SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE);

    private final Initiator init = Initiator.connect(
            BlockDevice.create(DiskConfig.of(CAPACITY, BS, "DISK", "S6").withMaximumTransferLength(300)));

    static byte[] cdb6(int opcode, long lba, int transferLength) {
        byte[] c = new byte[6];
        c[0] = (byte) opcode;
        c[1] = (byte) ((lba >>> 16) & 0x1F);
        c[2] = (byte) (lba >>> 8);
        c[3] = (byte) lba;
        c[4] = (byte) transferLength;
        return c;
    }

    static byte[] cdb12(int opcode, long lba, long transferLength) {
        byte[] c = new byte[12];
        c[0] = (byte) opcode;
        ByteBuffer.wrap(c).putInt(2, (int) lba).putInt(6, (int) transferLength);
        return c;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void write6ThenRead6ReturnsTheData() {
        byte[] data = random(5 * BS, 1);
        ScsiResponse w = init.send(cdb6(0x0A, 2000, 5), data);
        assertThat(w.status()).isEqualTo(Status.GOOD);
        assertThat(w.dataOutResidual()).isZero();
        ScsiResponse r = init.send(cdb6(0x08, 2000, 5), 5 * BS);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataInBytes()).isEqualTo(data);
        assertThat(init.read(2000, 5, BS)).isEqualTo(data);
    }

    @Test
    void transferLengthZeroOfTheSixByteCdbsMeans256Blocks() {
        byte[] data = random(256 * BS, 2);
        ScsiResponse w = init.send(cdb6(0x0A, 10, 0), data);
        assertThat(w.status()).isEqualTo(Status.GOOD);
        assertThat(w.dataOutResidual()).isZero();
        ScsiResponse r = init.send(cdb6(0x08, 10, 0), 256 * BS);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataInResidual()).isZero();
        assertThat(r.dataInBytes()).isEqualTo(data);
        assertThat(init.read(266, 1, BS)).isEqualTo(new byte[BS]);
        // 256 blocks from LBA 2800 end past the last LBA 2999
        assertThat(init.send(cdb6(0x08, 2800, 0), 256 * BS).sense()).contains(LBA_OUT_OF_RANGE);
        assertThat(init.send(cdb6(0x08, 2744, 0), 256 * BS).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void theSixByteLbaHas21Bits() {
        DiskConfig big = DiskConfig.of(1L << 22, BS, "DISK", "S7");
        Initiator i = Initiator.connect(BlockDevice.create(big));
        byte[] data = random(BS, 3);
        assertThat(i.send(cdb6(0x0A, 0x1F_FFFF, 1), data).status()).isEqualTo(Status.GOOD);
        assertThat(i.read(0x1F_FFFF, 1, BS)).isEqualTo(data);
        assertThat(i.send(cdb6(0x08, 0x1F_FFFF, 1), BS).dataInBytes()).isEqualTo(data);
    }

    @Test
    void theSixByteCdbsRejectBits7To5OfByte1() {
        for (int bit = 5; bit <= 7; bit++) {
            byte[] r6 = cdb6(0x08, 0, 1);
            r6[1] |= (byte) (1 << bit);
            assertThat(init.send(r6, BS).sense()).contains(SenseData.invalidFieldInCdb(1, bit));
            byte[] w6 = cdb6(0x0A, 0, 1);
            w6[1] |= (byte) (1 << bit);
            assertThat(init.send(w6, new byte[BS]).sense()).contains(SenseData.invalidFieldInCdb(1, bit));
        }
        byte[] control = cdb6(0x08, 0, 1);
        control[5] = 0x04;
        assertThat(init.send(control, BS).sense()).contains(SenseData.invalidFieldInCdb(5, 2));
    }

    @Test
    void theSixByteTransferLengthIsLimitedByTheMaximum() {
        Initiator small = Initiator.connect(
                BlockDevice.create(DiskConfig.of(CAPACITY, BS, "DISK", "S8").withMaximumTransferLength(255)));
        assertThat(small.send(cdb6(0x08, 0, 255), 255 * BS).status()).isEqualTo(Status.GOOD);
        assertThat(small.send(cdb6(0x08, 0, 0), 256 * BS).sense()).contains(SenseData.invalidFieldInCdb(4, 7));
        assertThat(small.send(cdb6(0x0A, 0, 0), new byte[256 * BS]).sense())
                .contains(SenseData.invalidFieldInCdb(4, 7));
    }

    @Test
    void write12ThenRead12ReturnsTheData() {
        byte[] data = random(7 * BS, 4);
        ScsiResponse w = init.send(cdb12(0xAA, 123, 7), data);
        assertThat(w.status()).isEqualTo(Status.GOOD);
        ScsiResponse r = init.send(cdb12(0xA8, 123, 7), 7 * BS);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataInBytes()).isEqualTo(data);
    }

    @Test
    void twelveByteCdbsCheckRangeLimitAndProtection() {
        assertThat(init.send(cdb12(0xA8, CAPACITY - 1, 2), 2 * BS).sense()).contains(LBA_OUT_OF_RANGE);
        assertThat(init.send(cdb12(0xAA, CAPACITY, 1), new byte[BS]).sense()).contains(LBA_OUT_OF_RANGE);
        assertThat(init.send(cdb12(0xA8, 0, 301), 301 * BS).sense()).contains(SenseData.invalidFieldInCdb(6, 7));
        assertThat(init.send(cdb12(0xAA, 0, 301), new byte[301 * BS]).sense())
                .contains(SenseData.invalidFieldInCdb(6, 7));
        byte[] r12 = cdb12(0xA8, 0, 1);
        r12[1] = (byte) 0x20;
        assertThat(init.send(r12, BS).sense()).contains(SenseData.invalidFieldInCdb(1, 7));
        byte[] w12 = cdb12(0xAA, 0, 1);
        w12[1] = (byte) 0xE0;
        assertThat(init.send(w12, new byte[BS]).sense()).contains(SenseData.invalidFieldInCdb(1, 7));
        assertThat(init.send(cdb12(0xA8, 0, 0), 0).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void twelveByteCdbsRejectReservedBitsAndAcceptTheHints() {
        assertRejected(cdb12(0xA8, 0, 1), 1, 0x01, 1, 0);
        assertRejected(cdb12(0xA8, 0, 1), 10, 0x80, 10, 7); // restricted for MMC-6
        assertRejected(cdb12(0xA8, 0, 1), 10, 0x40, 10, 6);
        assertRejected(cdb12(0xAA, 0, 1), 1, 0x04, 1, 2);
        assertRejected(cdb12(0xAA, 0, 1), 1, 0x01, 1, 0);
        assertRejected(cdb12(0xAA, 0, 1), 10, 0x80, 10, 7);
        byte[] w12 = cdb12(0xAA, 9, 1);
        w12[1] = 0x1A; // DPO, FUA, FUA_NV
        w12[10] = 0x3F;
        assertThat(init.send(w12, Initiator.filled(BS, 0x61)).status()).isEqualTo(Status.GOOD);
        byte[] r12 = cdb12(0xA8, 9, 1);
        r12[1] = 0x1E; // DPO, FUA, RARC, FUA_NV
        r12[10] = 0x3F;
        assertThat(init.send(r12, BS).dataInBytes()).isEqualTo(Initiator.filled(BS, 0x61));
    }

    @Test
    void write12FollowsTheDataOutResidualRules() {
        init.write(0, Initiator.filled(2 * BS, 'a'), BS);
        ScsiResponse shortByABlock = init.send(cdb12(0xAA, 0, 2), Initiator.filled(BS, 'b'));
        assertThat(shortByABlock.status()).isEqualTo(Status.GOOD);
        assertThat(shortByABlock.dataOutResidual()).isEqualTo(-BS);
        assertThat(init.read(0, 2, BS)).isEqualTo(concat(Initiator.filled(BS, 'b'), Initiator.filled(BS, 'a')));
        ScsiResponse partial = init.send(cdb6(0x0A, 0, 1), Initiator.filled(100, 'c'));
        assertThat(partial.sense()).contains(SenseData.of(SenseKey.ILLEGAL_REQUEST,
                AdditionalSense.INVALID_FIELD_IN_COMMAND_INFORMATION_UNIT));
        assertThat(init.read(0, 1, BS)).isEqualTo(Initiator.filled(BS, 'b'));
    }

    private void assertRejected(byte[] cdb, int index, int bits, int byteOffset, int bit) {
        cdb[index] |= (byte) bits;
        ScsiResponse r = cdb[0] == (byte) 0xAA ? init.send(cdb, new byte[BS]) : init.send(cdb, BS);
        assertThat(r.sense()).as("opcode %02x byte %d bits %02x", cdb[0], index, bits)
                .contains(SenseData.invalidFieldInCdb(byteOffset, bit));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
