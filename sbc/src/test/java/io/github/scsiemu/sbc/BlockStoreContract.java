package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link BlockStore} contract as tests: a subclass supplies a store, and every test here must pass for it. A
 * user's own store can be checked by extending this class. Ranges are placed around {@link #regionBlocks()} so they
 * cross the store's internal boundaries (chunks, lock regions).
 */
public abstract class BlockStoreContract {

    protected static final int BS = 512;
    private final List<BlockStore> opened = new ArrayList<>();

    /** A new, empty store of {@code capacity} blocks of {@link #BS} bytes. */
    protected abstract BlockStore newStore(long capacity) throws Exception;

    /** The store's internal allocation or locking unit, in blocks (a boundary the tests cross). */
    protected abstract int regionBlocks();

    /** The store as it would be seen after a restart (itself, for a volatile store). */
    protected BlockStore reopen(BlockStore store) throws Exception {
        return store;
    }

    private BlockStore store(long capacity) throws Exception {
        BlockStore s = newStore(capacity);
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(BlockStore::close);
    }

    /** The content every test writes to block {@code lba} with {@code seed}. */
    protected static byte[] pattern(long lba, int seed) {
        byte[] b = new byte[BS];
        for (int i = 0; i < BS; i++) {
            b[i] = (byte) (seed * 131 + lba * 7 + i);
        }
        return b;
    }

    protected static void write(BlockStore s, long lba, int blocks, int seed) {
        ByteBuffer src = ByteBuffer.allocate(blocks * BS);
        for (int k = 0; k < blocks; k++) {
            src.put(pattern(lba + k, seed));
        }
        s.write(lba, src.flip());
    }

    protected static byte[] read(BlockStore s, long lba) {
        ByteBuffer dst = ByteBuffer.allocate(BS);
        s.read(lba, dst);
        return dst.array();
    }

    /** Every run of the medium, walking provisioningStatus from LBA 0. */
    protected static List<ProvisioningRun> runs(BlockStore s) {
        List<ProvisioningRun> runs = new ArrayList<>();
        long lba = 0;
        while (lba < s.capacity()) {
            ProvisioningRun run = s.provisioningStatus(lba, Long.MAX_VALUE);
            runs.add(run);
            lba += run.blocks();
        }
        return runs;
    }

    protected static ProvisioningRun run(long lba, long blocks, ProvisioningState state) {
        return new ProvisioningRun(lba, blocks, state);
    }

    @Test
    void aNewStoreReadsZerosAndIsOneDeallocatedRun() throws Exception {
        long capacity = 3L * regionBlocks() + 5;
        BlockStore s = store(capacity);
        assertThat(s.blockSize()).isEqualTo(BS);
        assertThat(s.capacity()).isEqualTo(capacity);
        assertThat(runs(s)).containsExactly(run(0, capacity, ProvisioningState.DEALLOCATED));
        ByteBuffer all = ByteBuffer.allocate((int) capacity * BS);
        s.read(0, all);
        assertThat(all.array()).containsOnly(0);
    }

    @Test
    void writesMapExactlyTheirBlocksAcrossABoundary() throws Exception {
        int r = regionBlocks();
        long capacity = 3L * r + 5;
        BlockStore s = store(capacity);
        write(s, r - 2, 4, 1);
        assertThat(runs(s)).containsExactly(
                run(0, r - 2, ProvisioningState.DEALLOCATED),
                run(r - 2, 4, ProvisioningState.MAPPED),
                run(r + 2, capacity - r - 2, ProvisioningState.DEALLOCATED));
        for (long lba = r - 3; lba <= r + 2; lba++) {
            byte[] expected = lba >= r - 2 && lba < r + 2 ? pattern(lba, 1) : new byte[BS];
            assertThat(read(s, lba)).as("LBA %d", lba).isEqualTo(expected);
        }
    }

    @Test
    void interleavedWritesDeallocationsAndAnchorsGiveExactRunsAndData() throws Exception {
        int r = regionBlocks();
        long capacity = 3L * r + 5;
        BlockStore s = store(capacity);
        write(s, r - 3, 8, 1); // [r-3, r+5) mapped
        s.deallocate(r - 1, 2); // [r-1, r+1) deallocated
        s.anchor(r + 3, r); // [r+3, 2r+3) anchored, over mapped and never-written blocks
        write(s, 2L * r, 1, 2); // 2r mapped again inside the anchored run
        s.anchor(0, 1);
        s.deallocate(3L * r, 5); // never written: stays deallocated
        assertThat(runs(s)).containsExactly(
                run(0, 1, ProvisioningState.ANCHORED),
                run(1, r - 4, ProvisioningState.DEALLOCATED),
                run(r - 3, 2, ProvisioningState.MAPPED),
                run(r - 1, 2, ProvisioningState.DEALLOCATED),
                run(r + 1, 2, ProvisioningState.MAPPED),
                run(r + 3, r - 3, ProvisioningState.ANCHORED),
                run(2L * r, 1, ProvisioningState.MAPPED),
                run(2L * r + 1, 2, ProvisioningState.ANCHORED),
                run(2L * r + 3, r + 2, ProvisioningState.DEALLOCATED));
        assertThat(read(s, r - 3)).isEqualTo(pattern(r - 3, 1));
        assertThat(read(s, r - 2)).isEqualTo(pattern(r - 2, 1));
        assertThat(read(s, r - 1)).containsOnly(0);
        assertThat(read(s, r)).containsOnly(0);
        assertThat(read(s, r + 1)).isEqualTo(pattern(r + 1, 1));
        assertThat(read(s, r + 2)).isEqualTo(pattern(r + 2, 1));
        assertThat(read(s, r + 3)).containsOnly(0);
        assertThat(read(s, r + 4)).containsOnly(0);
        assertThat(read(s, 2L * r)).isEqualTo(pattern(2L * r, 2));
        assertThat(read(s, 0)).containsOnly(0);
    }

    @Test
    void aRunStopsAtMaxBlocksAndAtTheEndOfTheMedium() throws Exception {
        int r = regionBlocks();
        long capacity = 2L * r + 3;
        BlockStore s = store(capacity);
        s.anchor(r - 1, r + 4); // to the end
        assertThat(s.provisioningStatus(r - 1, 2)).isEqualTo(run(r - 1, 2, ProvisioningState.ANCHORED));
        assertThat(s.provisioningStatus(r, Long.MAX_VALUE)).isEqualTo(run(r, r + 3, ProvisioningState.ANCHORED));
        assertThat(s.provisioningStatus(capacity - 1, 1)).isEqualTo(run(capacity - 1, 1, ProvisioningState.ANCHORED));
        assertThat(s.provisioningStatus(0, r + 10)).isEqualTo(run(0, r - 1, ProvisioningState.DEALLOCATED));
        assertThatThrownBy(() -> s.provisioningStatus(capacity, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.provisioningStatus(0, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.deallocate(capacity - 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.anchor(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void rejectsPartialBlocksAndTransfersOffTheMedium() throws Exception {
        BlockStore s = store(10);
        assertThatThrownBy(() -> s.read(0, ByteBuffer.allocate(100))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.write(9, ByteBuffer.allocate(2 * BS)))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.read(-1, ByteBuffer.allocate(BS))).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(runs(s)).containsExactly(run(0, 10, ProvisioningState.DEALLOCATED));
    }

    @Test
    void transfersAdvanceTheirBuffers() throws Exception {
        int r = regionBlocks();
        BlockStore s = store(2L * r + 2);
        ByteBuffer src = ByteBuffer.allocate(3 * BS + 7).position(7);
        for (int k = 0; k < 3; k++) {
            src.put(pattern(r - 1 + k, 4));
        }
        src.position(7);
        s.write(r - 1, src);
        assertThat(src.remaining()).isZero();
        ByteBuffer dst = ByteBuffer.allocateDirect(5 * BS);
        s.read(r - 2, dst);
        assertThat(dst.remaining()).isZero();
        byte[] got = new byte[5 * BS];
        dst.flip().get(got);
        byte[] expected = new byte[5 * BS];
        for (int k = 0; k < 3; k++) {
            System.arraycopy(pattern(r - 1 + k, 4), 0, expected, (k + 1) * BS, BS);
        }
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void resizeKeepsDataDropsWhatIsCutAndAddsDeallocatedBlocks() throws Exception {
        int r = regionBlocks();
        long capacity = 2L * r + 4;
        BlockStore s = store(capacity);
        write(s, r - 2, 4, 1); // [r-2, r+2)
        write(s, 2L * r, 4, 2);
        s.anchor(2L * r + 3, 1);
        s.resize(r + 1); // cuts inside the first run
        assertThat(s.capacity()).isEqualTo(r + 1);
        assertThat(runs(s)).containsExactly(
                run(0, r - 2, ProvisioningState.DEALLOCATED),
                run(r - 2, 3, ProvisioningState.MAPPED));
        assertThatThrownBy(() -> read(s, r + 1)).isInstanceOf(IndexOutOfBoundsException.class);
        s.resize(3L * r);
        assertThat(runs(s)).containsExactly(
                run(0, r - 2, ProvisioningState.DEALLOCATED),
                run(r - 2, 3, ProvisioningState.MAPPED),
                run(r + 1, 2L * r - 1, ProvisioningState.DEALLOCATED));
        assertThat(read(s, r)).isEqualTo(pattern(r, 1));
        assertThat(read(s, r + 1)).containsOnly(0);
        assertThat(read(s, 2L * r)).containsOnly(0);
        assertThatThrownBy(() -> s.resize(0)).isInstanceOf(IllegalArgumentException.class);
        List<ProvisioningRun> before = runs(s);
        BlockStore again = reopen(s);
        assertThat(again.capacity()).isEqualTo(3L * r);
        assertThat(runs(again)).isEqualTo(before);
        assertThat(read(again, r)).isEqualTo(pattern(r, 1));
    }

    @Test
    void rewritingADeallocatedOrAnchoredBlockMapsItAgain() throws Exception {
        BlockStore s = store(8);
        write(s, 0, 4, 1);
        s.deallocate(0, 2);
        s.anchor(2, 2);
        write(s, 1, 2, 9);
        assertThat(runs(s)).containsExactly(
                run(0, 1, ProvisioningState.DEALLOCATED),
                run(1, 2, ProvisioningState.MAPPED),
                run(3, 1, ProvisioningState.ANCHORED),
                run(4, 4, ProvisioningState.DEALLOCATED));
        assertThat(read(s, 1)).isEqualTo(pattern(1, 9));
        assertThat(read(s, 2)).isEqualTo(pattern(2, 9));
        assertThat(read(s, 3)).containsOnly(0);
    }

    @Test
    void synchronizedDataSurvivesARestart() throws Exception {
        BlockStore s = store(4L * regionBlocks());
        write(s, regionBlocks() - 1, 2, 3);
        s.anchor(0, 1);
        s.synchronize(0, s.capacity());
        List<ProvisioningRun> before = runs(s);
        BlockStore again = reopen(s);
        assertThat(read(again, regionBlocks() - 1)).isEqualTo(pattern(regionBlocks() - 1, 3));
        assertThat(read(again, regionBlocks())).isEqualTo(pattern(regionBlocks(), 3));
        assertThat(runs(again)).isEqualTo(before);
    }

    @Test
    void concurrentWritersDeallocatorsAndReadersNeverSeeATornBlock() throws Exception {
        int r = regionBlocks();
        BlockStore s = store(2L * r + 2);
        long lba = r - 1; // blocks r-1 and r: two regions
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> mutators = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                byte value = (byte) (w + 1);
                mutators.add(pool.submit(() -> {
                    byte[] blocks = new byte[2 * BS];
                    Arrays.fill(blocks, value);
                    while (!stop.get()) {
                        s.write(lba, ByteBuffer.wrap(blocks));
                    }
                }));
            }
            mutators.add(pool.submit(() -> {
                for (long n = 0; !stop.get(); n++) {
                    if ((n & 1) == 0) {
                        s.deallocate(lba, 2);
                    } else {
                        s.anchor(lba + 1, 1);
                    }
                }
            }));
            List<Future<Integer>> readers = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                readers.add(pool.submit(() -> {
                    int torn = 0;
                    ByteBuffer b = ByteBuffer.allocate(BS);
                    for (int n = 0; n < 20_000; n++) {
                        b.clear();
                        long at = lba + (n & 1);
                        s.read(at, b);
                        byte first = b.get(0);
                        for (int i = 1; i < BS; i++) {
                            if (b.get(i) != first) {
                                torn++;
                                break;
                            }
                        }
                        ProvisioningState state = s.provisioningStatus(at, 1).state();
                        assertThat(state).isNotNull();
                    }
                    return torn;
                }));
            }
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(120, TimeUnit.SECONDS)).isZero();
            }
            stop.set(true);
            for (Future<?> f : mutators) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        // quiescent: the state and data of each block agree
        for (long at = lba; at < lba + 2; at++) {
            ProvisioningState state = s.provisioningStatus(at, 1).state();
            byte[] data = read(s, at);
            if (state == ProvisioningState.MAPPED) {
                assertThat(data[0]).isNotZero();
            } else {
                assertThat(data).containsOnly(0);
            }
        }
    }
}
