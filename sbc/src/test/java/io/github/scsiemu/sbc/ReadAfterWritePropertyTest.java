package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.proptest.Gen;
import io.github.scsiemu.proptest.Gens;
import io.github.scsiemu.proptest.Property;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Model-based: random READ and WRITE sequences against a map from LBA to the block last written there. */
class ReadAfterWritePropertyTest {

    private static final int BS = 512;
    private static final long CAPACITY = 64;
    private static final SenseData LBA_OUT_OF_RANGE =
            SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE);

    /** One command: READ or WRITE, 10- or 16-byte CDB, at {@code lba} for {@code blocks}, data from {@code seed}. */
    record Op(boolean write, boolean sixteen, int lba, int blocks, byte seed) {
        byte[] cdb() {
            int opcode = write ? (sixteen ? 0x8A : 0x2A) : (sixteen ? 0x88 : 0x28);
            return sixteen ? Initiator.cdb16(opcode, lba, blocks) : Initiator.cdb10(opcode, lba, blocks);
        }

        byte[] block(int k) {
            byte[] b = new byte[BS];
            for (int i = 0; i < BS; i++) {
                b[i] = (byte) (seed * 31 + (lba + k) * 7 + i);
            }
            return b;
        }

        boolean inRange() {
            return lba + blocks <= CAPACITY;
        }
    }

    private static final Gen<Op> OP = Gens.pairs(
            Gens.pairs(Gens.booleans(), Gens.booleans()),
            Gens.pairs(Gens.pairs(Gens.integers(0, (int) CAPACITY + 4), Gens.integers(0, 12)), Gens.bytes()))
            .map(p -> new Op(p.first().first(), p.first().second(), p.second().first().first(),
                    p.second().first().second(), p.second().second()));

    @Test
    void aReadReturnsWhatTheLastWriteToEachBlockWrote() {
        Property.forAll("a read returns what the last write to each block wrote", Gens.lists(OP, 1, 40))
                .tries(150)
                .check(ReadAfterWritePropertyTest::run);
    }

    private static void run(List<Op> ops) {
        // 4 KiB chunks: 8 blocks each, so transfers regularly cross chunk boundaries
        SparseMemoryBlockStore store = new SparseMemoryBlockStore(BS, CAPACITY, 4096);
        Initiator init = Initiator.connect(BlockDevice.create(DiskConfig.of(CAPACITY, BS, "PROP", "P1"), store));
        Map<Long, byte[]> model = new HashMap<>();
        for (Op op : ops) {
            if (op.write()) {
                byte[] data = new byte[op.blocks() * BS];
                for (int k = 0; k < op.blocks(); k++) {
                    System.arraycopy(op.block(k), 0, data, k * BS, BS);
                }
                ScsiResponse r = init.send(op.cdb(), data);
                if (!op.inRange()) {
                    assertThat(r.sense()).as("%s", op).contains(LBA_OUT_OF_RANGE);
                    continue;
                }
                assertThat(r.status()).as("%s", op).isEqualTo(Status.GOOD);
                for (int k = 0; k < op.blocks(); k++) {
                    model.put((long) op.lba() + k, op.block(k));
                }
            } else {
                ScsiResponse r = init.send(op.cdb(), op.blocks() * BS);
                if (!op.inRange()) {
                    assertThat(r.sense()).as("%s", op).contains(LBA_OUT_OF_RANGE);
                    continue;
                }
                assertThat(r.status()).as("%s", op).isEqualTo(Status.GOOD);
                byte[] data = r.dataInBytes();
                assertThat(data).hasSize(op.blocks() * BS);
                for (int k = 0; k < op.blocks(); k++) {
                    long lba = (long) op.lba() + k;
                    byte[] expected = model.getOrDefault(lba, new byte[BS]);
                    assertThat(Arrays.mismatch(Arrays.copyOfRange(data, k * BS, (k + 1) * BS), expected))
                            .as("%s: first wrong byte of LBA %d", op, lba).isEqualTo(-1);
                }
            }
        }
        assertThat(store.allocatedChunks()).isLessThanOrEqualTo((int) (CAPACITY * BS / 4096));
    }
}
