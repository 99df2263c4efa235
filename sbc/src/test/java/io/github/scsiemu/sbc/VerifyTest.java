package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** VERIFY (10, 12, 16) and WRITE AND VERIFY (10, 12, 16) (SBC-4 5.37-5.39, 5.43-5.45). */
class VerifyTest {

    private static final int BS = 512;
    private static final long CAPACITY = 1000;
    private static final SenseData LBA_OUT_OF_RANGE =
            SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE);

    private final Disk disk = Disk.builder(DiskConfig.of(CAPACITY, BS, "DISK", "V1").withMaximumTransferLength(64))
            .build();
    private final Initiator init = Initiator.connect(disk.logicalUnit());

    private static SenseData miscompareAt(long offset) {
        return SenseData.of(SenseKey.MISCOMPARE, AdditionalSense.MISCOMPARE_DURING_VERIFY_OPERATION)
                .withInformation(offset);
    }

    /** A VERIFY or WRITE AND VERIFY CDB of 10, 12 or 16 bytes with BYTCHK. */
    private static byte[] cdb(int opcode, long lba, long blocks, int bytchk) {
        byte[] c = switch (opcode) {
            case 0x2F, 0x2E -> Initiator.cdb10(opcode, lba, (int) blocks);
            case 0xAF, 0xAE -> ReadWrite6And12Test.cdb12(opcode, lba, blocks);
            default -> Initiator.cdb16(opcode, lba, blocks);
        };
        c[1] = (byte) (bytchk << 1);
        return c;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void verifyWithByteCheckComparesTheDataOutWithTheMedium() {
        byte[] data = random(4 * BS, 1);
        init.write(40, data, BS);
        for (int opcode : new int[] {0x2F, 0xAF, 0x8F}) {
            ScsiResponse same = init.send(cdb(opcode, 40, 4, 0b01), data);
            assertThat(same.status()).as("%02x", opcode).isEqualTo(Status.GOOD);
            assertThat(same.dataOutResidual()).isZero();
            byte[] changed = data.clone();
            changed[3 * BS + 17] ^= 0x40;
            changed[3 * BS + 100] ^= 0x01;
            assertThat(init.send(cdb(opcode, 40, 4, 0b01), changed).sense()).as("%02x", opcode)
                    .contains(miscompareAt(3 * BS + 17));
        }
    }

    @Test
    void verifyWithByteCheck11bComparesOneBlockWithEveryBlock() {
        byte[] block = random(BS, 2);
        byte[] three = ReadWrite6And12Test.concat(ReadWrite6And12Test.concat(block, block), block);
        init.write(7, three, BS);
        ScsiResponse same = init.send(cdb(0x8F, 7, 3, 0b11), block);
        assertThat(same.status()).isEqualTo(Status.GOOD);
        assertThat(same.dataOutResidual()).isZero();
        byte[] last = block.clone();
        last[300] ^= 0x10;
        init.write(9, last, BS);
        assertThat(init.send(cdb(0x2F, 7, 3, 0b11), block).sense()).contains(miscompareAt(300));
        assertThat(init.send(cdb(0xAF, 7, 2, 0b11), block).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void verifyWithoutByteCheckReadsTheMediumAndTakesNoDataOut() {
        init.write(0, random(2 * BS, 3), BS);
        ScsiResponse r = init.send(cdb(0x2F, 0, 2, 0b00), 0);
        assertThat(r.status()).isEqualTo(Status.GOOD);
        assertThat(r.dataOutResidual()).isZero();
        disk.medium().faults(new MediumFaults() {
            @Override
            public void beforeRead(long lba, long blocks) {
                throw new CheckConditionException(SenseData.of(SenseKey.MEDIUM_ERROR,
                        AdditionalSense.UNRECOVERED_READ_ERROR).withInformation(lba));
            }
        });
        assertThat(init.send(cdb(0x8F, 5, 2, 0b00), 0).sense()).contains(SenseData.of(SenseKey.MEDIUM_ERROR,
                AdditionalSense.UNRECOVERED_READ_ERROR).withInformation(5));
        assertThat(init.send(cdb(0x8F, 5, 0, 0b00), 0).status()).isEqualTo(Status.GOOD);
    }

    @Test
    void verifyChecksFieldsRangeAndLength() {
        for (int opcode : new int[] {0x2F, 0xAF, 0x8F}) {
            assertThat(init.send(cdb(opcode, 0, 1, 0b10), new byte[BS]).sense()).as("%02x", opcode)
                    .contains(SenseData.invalidFieldInCdb(1, 2));
            byte[] vrprotect = cdb(opcode, 0, 1, 0b00);
            vrprotect[1] |= (byte) 0x60;
            assertThat(init.send(vrprotect, 0).sense()).contains(SenseData.invalidFieldInCdb(1, 7));
            assertThat(init.send(cdb(opcode, CAPACITY - 1, 2, 0b00), 0).sense()).contains(LBA_OUT_OF_RANGE);
            assertThat(init.send(cdb(opcode, CAPACITY, 0, 0b00), 0).status()).isEqualTo(Status.GOOD);
            byte[] dpo = cdb(opcode, 0, 1, 0b00);
            dpo[1] |= 0x10;
            assertThat(init.send(dpo, 0).status()).isEqualTo(Status.GOOD);
            assertRejected(cdb(opcode, 0, 1, 0), 1, 0x08, 1, 3);
            assertRejected(cdb(opcode, 0, 1, 0), 1, 0x01, 1, 0);
        }
        assertThat(init.send(cdb(0x2F, 0, 65, 0b00), 0).sense()).contains(SenseData.invalidFieldInCdb(7, 7));
        assertThat(init.send(cdb(0xAF, 0, 65, 0b00), 0).sense()).contains(SenseData.invalidFieldInCdb(6, 7));
        assertThat(init.send(cdb(0x8F, 0, 65, 0b00), 0).sense()).contains(SenseData.invalidFieldInCdb(10, 7));
        assertRejected(cdb(0x2F, 0, 1, 0), 6, 0x80, 6, 7);
        assertRejected(cdb(0xAF, 0, 1, 0), 10, 0x40, 10, 6);
        assertRejected(cdb(0x8F, 0, 1, 0), 14, 0xC0, 14, 7);
    }

    @Test
    void writeAndVerifyWritesTheBlocksAndComparesThemWhenAsked() {
        for (int opcode : new int[] {0x2E, 0xAE, 0x8E}) {
            for (int bytchk : new int[] {0b00, 0b01}) {
                byte[] data = random(3 * BS, opcode * 4 + bytchk);
                ScsiResponse w = init.send(cdb(opcode, 100, 3, bytchk), data);
                assertThat(w.status()).as("%02x %d", opcode, bytchk).isEqualTo(Status.GOOD);
                assertThat(w.dataOutResidual()).isZero();
                assertThat(init.read(100, 3, BS)).isEqualTo(data);
            }
        }
    }

    @Test
    void writeAndVerifyRejectsReservedByteCheckValuesAndFields() {
        for (int opcode : new int[] {0x2E, 0xAE, 0x8E}) {
            for (int bytchk : new int[] {0b10, 0b11}) {
                assertThat(init.send(cdb(opcode, 0, 1, bytchk), Initiator.filled(BS, 1)).sense())
                        .as("%02x %d", opcode, bytchk).contains(SenseData.invalidFieldInCdb(1, 2));
            }
            byte[] wrprotect = cdb(opcode, 0, 1, 0);
            wrprotect[1] |= (byte) 0x80;
            assertThat(init.send(wrprotect, Initiator.filled(BS, 1)).sense())
                    .contains(SenseData.invalidFieldInCdb(1, 7));
            assertRejected(cdb(opcode, 0, 1, 0), 1, 0x08, 1, 3);
            assertRejected(cdb(opcode, 0, 1, 0), 1, 0x01, 1, 0);
            assertThat(init.send(cdb(opcode, CAPACITY, 1, 0), Initiator.filled(BS, 1)).sense())
                    .contains(LBA_OUT_OF_RANGE);
        }
        assertThat(init.read(0, 1, BS)).isEqualTo(new byte[BS]);
        assertThat(init.send(cdb(0x2E, 0, 65, 0), new byte[65 * BS]).sense())
                .contains(SenseData.invalidFieldInCdb(7, 7));
        assertThat(init.send(cdb(0x8E, 0, 65, 0), new byte[65 * BS]).sense())
                .contains(SenseData.invalidFieldInCdb(10, 7));
    }

    @Test
    void writeAndVerifySurfacesAReadFaultDuringTheVerification() {
        disk.medium().faults(new MediumFaults() {
            @Override
            public void beforeRead(long lba, long blocks) {
                throw new CheckConditionException(SenseData.of(SenseKey.MEDIUM_ERROR,
                        AdditionalSense.UNRECOVERED_READ_ERROR).withInformation(lba));
            }
        });
        assertThat(init.send(cdb(0x2E, 8, 1, 0b00), Initiator.filled(BS, 5)).sense()).contains(SenseData.of(
                SenseKey.MEDIUM_ERROR, AdditionalSense.UNRECOVERED_READ_ERROR).withInformation(8));
    }

    @Test
    void writeAndVerifyFollowsTheWriteResidualRules() {
        init.write(0, Initiator.filled(2 * BS, 'a'), BS);
        ScsiResponse w = init.send(cdb(0x2E, 0, 2, 0b01), Initiator.filled(BS, 'b'));
        assertThat(w.status()).isEqualTo(Status.GOOD);
        assertThat(w.dataOutResidual()).isEqualTo(-BS);
        assertThat(init.read(1, 1, BS)).isEqualTo(Initiator.filled(BS, 'a'));
        ScsiResponse extra = init.send(cdb(0x8E, 1, 1, 0b01), Initiator.filled(2 * BS, 'c'));
        assertThat(extra.status()).isEqualTo(Status.GOOD);
        assertThat(extra.dataOutResidual()).isEqualTo(BS);
        assertThat(init.read(0, 3, BS)).isEqualTo(ByteBuffer.allocate(3 * BS).put(Initiator.filled(BS, 'b'))
                .put(Initiator.filled(BS, 'c')).array());
    }

    private void assertRejected(byte[] cdb, int index, int bits, int byteOffset, int bit) {
        cdb[index] |= (byte) bits;
        ScsiResponse r = init.send(cdb, new byte[BS]);
        assertThat(r.sense()).as("opcode %02x byte %d bits %02x", cdb[0], index, bits)
                .contains(SenseData.invalidFieldInCdb(byteOffset, bit));
    }
}
