package io.github.scsiemu.sbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.spc.DeviceServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentWritersTest {

    private static final int BS = 512;
    private static final int THREADS = 8;
    private static final int BLOCKS_PER_THREAD = 300;

    /** Block {@code lba} written in round {@code round} holds this pattern: every byte names the writer and round. */
    private static byte[] pattern(long lba, int round) {
        byte[] b = new byte[BS];
        for (int i = 0; i < BS; i++) {
            b[i] = (byte) (lba * 7 + round * 13 + i / 64);
        }
        return b;
    }

    @Test
    void writersOfDistinctBlocksOnSeveralNexusesLoseNothing() throws Exception {
        long capacity = (long) THREADS * BLOCKS_PER_THREAD;
        SparseMemoryBlockStore store = new SparseMemoryBlockStore(BS, capacity, 4096);
        DeviceServer lu = BlockDevice.create(DiskConfig.of(capacity, BS, "DISK", "C1"), store);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    Initiator i = Initiator.connect(lu, "writer" + thread);
                    for (int round = 0; round < 3; round++) {
                        // interleaved: thread t owns LBAs t, t + THREADS, ... so neighbours share chunks
                        for (int k = 0; k < BLOCKS_PER_THREAD; k++) {
                            long lba = (long) k * THREADS + thread;
                            ScsiResponse r = i.send(Initiator.write10(lba, 1), pattern(lba, round));
                            assertThat(r.status()).isEqualTo(Status.GOOD);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Initiator verifier = Initiator.connect(lu, "verifier");
        for (long lba = 0; lba < capacity; lba++) {
            assertThat(verifier.read(lba, 1, BS)).as("LBA %d", lba).isEqualTo(pattern(lba, 2));
        }
        assertThat(store.allocatedChunks()).isEqualTo((int) (capacity * BS / 4096));
    }
}
