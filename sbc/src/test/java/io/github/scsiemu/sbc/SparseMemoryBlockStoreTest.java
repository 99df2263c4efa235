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
}
