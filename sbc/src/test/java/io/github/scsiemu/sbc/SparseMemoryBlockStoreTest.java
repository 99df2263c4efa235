package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SparseMemoryBlockStoreTest {

    @Test
    void rejectsBadGeometry() {
        assertThatThrownBy(() -> new SparseMemoryBlockStore(520, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SparseMemoryBlockStore(512, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SparseMemoryBlockStore(512, Long.MAX_VALUE / 256))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new SparseMemoryBlockStore(4096, 10, 2048))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SparseMemoryBlockStore(512, 10, 3000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsPartialBlocksAndRangesOffTheMedium() {
        SparseMemoryBlockStore s = new SparseMemoryBlockStore(512, 10);
        assertThatThrownBy(() -> s.read(0, ByteBuffer.allocate(100))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.write(9, ByteBuffer.allocate(1024)))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.read(-1, ByteBuffer.allocate(512))).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(s.allocatedChunks()).isZero();
    }

    @Test
    void transfersAdvanceTheBufferAndSpanChunks() {
        SparseMemoryBlockStore s = new SparseMemoryBlockStore(512, 64, 4096); // 8 blocks per chunk
        byte[] data = new byte[10 * 512];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        ByteBuffer src = ByteBuffer.wrap(data);
        s.write(5, src);
        assertThat(src.remaining()).isZero();
        assertThat(s.allocatedChunks()).isEqualTo(2);
        ByteBuffer dst = ByteBuffer.allocateDirect(12 * 512);
        s.read(4, dst);
        assertThat(dst.remaining()).isZero();
        dst.flip();
        byte[] got = new byte[dst.remaining()];
        dst.get(got);
        byte[] expected = new byte[12 * 512];
        System.arraycopy(data, 0, expected, 512, data.length);
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void concurrentWritesToOneBlockNeverTearIt() throws Exception {
        SparseMemoryBlockStore s = new SparseMemoryBlockStore(4096, 16, 4096);
        int writers = 4;
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                byte value = (byte) (w + 1);
                futures.add(pool.submit(() -> {
                    byte[] block = new byte[2 * 4096];
                    java.util.Arrays.fill(block, value);
                    while (!stop.get()) {
                        s.write(3, ByteBuffer.wrap(block)); // blocks 3 and 4, two chunks
                    }
                }));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int torn = 0;
                    ByteBuffer b = ByteBuffer.allocate(4096);
                    for (int n = 0; n < 20_000; n++) {
                        b.clear();
                        s.read(3 + (n & 1), b);
                        byte first = b.get(0);
                        for (int i = 1; i < 4096; i++) {
                            if (b.get(i) != first) {
                                torn++;
                                break;
                            }
                        }
                    }
                    return torn;
                }));
            }
            for (Future<Integer> r : readers) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isZero();
            }
            stop.set(true);
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    @Test
    void unmappingTheLastMappedBlockOfAChunkFreesItsData() {
        SparseMemoryBlockStore s = new SparseMemoryBlockStore(512, 64, 4096); // 8 blocks per chunk
        s.write(6, ByteBuffer.allocate(4 * 512).put(0, (byte) 1)); // chunks 0 and 1
        assertThat(s.allocatedChunks()).isEqualTo(2);
        s.deallocate(6, 1);
        assertThat(s.allocatedChunks()).isEqualTo(2); // block 7 is still mapped
        s.anchor(7, 1);
        assertThat(s.allocatedChunks()).isEqualTo(1);
        s.deallocate(8, 2);
        assertThat(s.allocatedChunks()).isZero();
        assertThat(s.provisioningStatus(0, 64)).isEqualTo(new ProvisioningRun(0, 7, ProvisioningState.DEALLOCATED));
        assertThat(s.provisioningStatus(7, 64)).isEqualTo(new ProvisioningRun(7, 1, ProvisioningState.ANCHORED));
        assertThat(s.provisioningStatus(8, 64)).isEqualTo(new ProvisioningRun(8, 56, ProvisioningState.DEALLOCATED));
    }

    @Test
    void aTerabyteThinDiskDeallocatedAgainCostsNothing() {
        long capacity = (1L << 40) / 512;
        SparseMemoryBlockStore s = new SparseMemoryBlockStore(512, capacity);
        for (long lba : new long[] {0, 12_345_678, capacity / 2, capacity - 1}) {
            s.write(lba, ByteBuffer.allocate(512).put(0, (byte) 9));
        }
        assertThat(s.allocatedChunks()).isEqualTo(4);
        assertThat(s.provisioningStatus(1, capacity)).isEqualTo(
                new ProvisioningRun(1, 12_345_677, ProvisioningState.DEALLOCATED));
        s.deallocate(0, capacity);
        assertThat(s.allocatedChunks()).isZero();
        assertThat(s.allocatedBytes()).isZero();
        assertThat(s.provisioningStatus(0, capacity)).isEqualTo(
                new ProvisioningRun(0, capacity, ProvisioningState.DEALLOCATED));
    }
}
