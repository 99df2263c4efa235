package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.sbc.SyncRecordingStore.Sync;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Medium#writeSame}, the one repeated-block write behind WRITE SAME, FORMAT UNIT and SANITIZE OVERWRITE: a
 * bounded reused buffer and, when durability is required, one synchronize of the whole range at the end (SBC-4
 * 4.15).
 */
class MediumWriteSameTest {

    private static final int BS = 512;
    private static final int PER_BUFFER = Medium.WRITE_SAME_BUFFER_BYTES / BS; // 2048 blocks

    private final SyncRecordingStore store = new SyncRecordingStore(BS, 10_000);
    private final Disk disk = Disk.builder(DiskConfig.builder(10_000, BS).thin().build()).store(store).build();
    private final Medium medium = disk.medium();

    private static ByteBuffer block(int value) {
        byte[] b = new byte[BS];
        Arrays.fill(b, (byte) value);
        return ByteBuffer.wrap(b);
    }

    private void writeSame(long lba, long blocks, ByteBuffer one, boolean fua) {
        try (Medium.Lock lock = medium.lockExclusive(lba, blocks)) {
            medium.writeSame(lba, blocks, one, fua);
        }
    }

    @Test
    void writesTheBlockEverywhereThroughBuffersOfAtMostOneMebibyteAndSynchronizesOnceWithoutTheCache() {
        medium.writeCacheEnabled(() -> false);
        ByteBuffer one = block(0x3C);
        writeSame(100, 5000, one, false);
        assertThat(one.position()).isZero();
        assertThat(store.writeLengths()).containsExactly(PER_BUFFER * BS, PER_BUFFER * BS, (5000 - 2 * PER_BUFFER) * BS);
        assertThat(store.syncs()).containsExactly(new Sync(100, 5000));
        ByteBuffer back = ByteBuffer.allocate(5002 * BS);
        medium.read(99, back);
        byte[] expected = new byte[5002 * BS];
        Arrays.fill(expected, BS, 5001 * BS, (byte) 0x3C);
        assertThat(back.array()).isEqualTo(expected);
    }

    @Test
    void withTheCacheEnabledOnlyFuaSynchronizesAndThenOnce() {
        medium.writeCacheEnabled(() -> true);
        writeSame(0, 3000, block(1), false);
        assertThat(store.syncs()).isEmpty();
        writeSame(3000, 3000, block(2), true);
        assertThat(store.syncs()).containsExactly(new Sync(3000, 3000));
    }

    @Test
    void aSmallRangeUsesABufferOfItsOwnSizeAndZeroBlocksWriteNothing() {
        writeSame(7, 3, block(5), false);
        assertThat(store.writeLengths()).containsExactly(3 * BS);
        writeSame(7, 0, block(5), false);
        assertThat(store.writeLengths()).hasSize(1);
        assertThatThrownBy(() -> medium.writeSame(0, 1, ByteBuffer.allocate(BS - 1), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInjectedWriteFaultIsAMediumErrorAtTheFirstLbaOfTheFailingPiece() {
        disk.faults().failWrites(PER_BUFFER + 10, 1);
        assertThatThrownBy(() -> writeSame(10, 3 * PER_BUFFER, block(9), false))
                .isInstanceOfSatisfying(CheckConditionException.class, e -> assertThat(e.sense()).isEqualTo(
                        SenseData.of(SenseKey.MEDIUM_ERROR, AdditionalSense.WRITE_ERROR)
                                .withInformation(PER_BUFFER + 10)));
        ByteBuffer first = ByteBuffer.allocate(BS);
        medium.read(10 + PER_BUFFER - 1, first); // the piece before the fault stays written
        assertThat(first.array()).isEqualTo(block(9).array());
        assertThat(store.writeLengths()).containsExactly(PER_BUFFER * BS);
    }

    @Test
    void writeSameCommandSynchronizesTheRangeOnceWhenTheCacheIsDisabled() {
        medium.writeCacheEnabled(() -> false);
        Initiator init = Initiator.connect(disk.logicalUnit());
        byte[] cdb = Initiator.cdb16(0x93, 100, 3000); // WRITE SAME(16), NUMBER OF LOGICAL BLOCKS 3000
        ScsiResponse r = init.send(cdb, block(0x5A).array());
        assertThat(r.status()).as("%s", r.sense()).isEqualTo(Status.GOOD);
        assertThat(store.syncs()).containsExactly(new Sync(100, 3000));
        assertThat(store.writeLengths()).containsExactly(PER_BUFFER * BS, (3000 - PER_BUFFER) * BS);
    }
}
