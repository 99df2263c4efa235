package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import org.junit.jupiter.api.Test;

/** PRE-FETCH (10, 16) and SYNCHRONIZE CACHE (10, 16) (SBC-4 5.10, 5.11, 5.32, 5.33). */
class CacheCommandsTest {

    private static final int BS = 512;
    private static final long CAPACITY = 1000;
    private static final SenseData LBA_OUT_OF_RANGE =
            SenseData.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.LOGICAL_BLOCK_ADDRESS_OUT_OF_RANGE);

    private final SyncRecordingStore store = new SyncRecordingStore(BS, CAPACITY);
    private final Disk disk = Disk.builder(DiskConfig.of(CAPACITY, BS, "DISK", "C1")).store(store).build();
    private final Initiator init = Initiator.connect(disk.logicalUnit());

    @Test
    void preFetchOfARangeOnTheMediumIsConditionMet() {
        for (int opcode : new int[] {0x34, 0x90}) {
            byte[] plain = cdb(opcode, 10, 5);
            assertThat(init.send(plain, 0).status()).as("%02x", opcode).isEqualTo(Status.CONDITION_MET);
            byte[] immed = cdb(opcode, CAPACITY - 1, 1);
            immed[1] = 0x02;
            assertThat(init.send(immed, 0).status()).isEqualTo(Status.CONDITION_MET);
            assertThat(init.send(cdb(opcode, 0, 0), 0).status()).isEqualTo(Status.CONDITION_MET);
            assertThat(init.send(cdb(opcode, CAPACITY - 1, 0), 0).status()).isEqualTo(Status.CONDITION_MET);
        }
    }

    @Test
    void rangesOffTheMediumAreOutOfRange() {
        for (int opcode : new int[] {0x34, 0x90, 0x35, 0x91}) {
            assertThat(init.send(cdb(opcode, CAPACITY - 1, 2), 0).sense()).as("%02x", opcode)
                    .contains(LBA_OUT_OF_RANGE);
            assertThat(init.send(cdb(opcode, CAPACITY, 0), 0).sense()).contains(LBA_OUT_OF_RANGE);
            assertThat(init.send(cdb(opcode, CAPACITY + 1, 0), 0).sense()).contains(LBA_OUT_OF_RANGE);
            assertThat(init.send(cdb(opcode, 0xFFFF_FFFFL, 1), 0).sense()).contains(LBA_OUT_OF_RANGE);
        }
        assertThat(init.send(cdb(0x91, -1L, 0), 0).sense()).contains(LBA_OUT_OF_RANGE);
        assertThat(store.syncs()).isEmpty();
    }

    @Test
    void synchronizeCacheMakesTheNamedRangeDurable() {
        for (int opcode : new int[] {0x35, 0x91}) {
            store.clearSyncs();
            assertThat(init.send(cdb(opcode, 100, 8), 0).status()).isEqualTo(Status.GOOD);
            byte[] immed = cdb(opcode, 5, 1);
            immed[1] = 0x06; // IMMED, SYNC_NV
            assertThat(init.send(immed, 0).status()).isEqualTo(Status.GOOD);
            assertThat(init.send(cdb(opcode, 990, 0), 0).status()).isEqualTo(Status.GOOD);
            assertThat(store.syncs()).containsExactly(new SyncRecordingStore.Sync(100, 8),
                    new SyncRecordingStore.Sync(5, 1), new SyncRecordingStore.Sync(990, 10));
        }
    }

    @Test
    void reservedBitsAreRejectedWithTheirFieldPointer() {
        int[][] cases = {
            {0x34, 1, 0x01, 1, 0}, {0x34, 1, 0x04, 1, 2}, {0x34, 1, 0x80, 1, 7}, {0x34, 6, 0x40, 6, 6},
            {0x90, 1, 0x01, 1, 0}, {0x90, 1, 0x20, 1, 5}, {0x90, 14, 0x80, 14, 7},
            {0x35, 1, 0x01, 1, 0}, {0x35, 1, 0x08, 1, 3}, {0x35, 6, 0xC0, 6, 7},
            {0x91, 1, 0x01, 1, 0}, {0x91, 1, 0x10, 1, 4}, {0x91, 14, 0x40, 14, 6}};
        for (int[] c : cases) {
            byte[] cdb = cdb(c[0], 0, 1);
            cdb[c[1]] |= (byte) c[2];
            ScsiResponse r = init.send(cdb, 0);
            assertThat(r.sense()).as("opcode %02x byte %d bits %02x", c[0], c[1], c[2])
                    .contains(SenseData.invalidFieldInCdb(c[3], c[4]));
        }
        byte[] group = cdb(0x35, 0, 1);
        group[6] = 0x3F;
        assertThat(init.send(group, 0).status()).isEqualTo(Status.GOOD);
    }

    private static byte[] cdb(int opcode, long lba, long blocks) {
        return opcode == 0x34 || opcode == 0x35 ? Initiator.cdb10(opcode, lba, (int) blocks)
                : Initiator.cdb16(opcode, lba, blocks);
    }
}
