package io.github.scsiemu.sbc.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scsiemu.sbc.Disk;
import io.github.scsiemu.sbc.DiskConfig;
import io.github.scsiemu.sbc.FileBlockStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What survives a restart without close (SBC-4 4.15, 5.32, 5.42; the Caching mode page, 6.5.5): a disk on a
 * file-backed store is written with the write cache disabled (every write durable before GOOD), with it enabled and
 * then SYNCHRONIZE CACHE, and with FUA; its store directory is copied while the disk is still open, as a crash
 * would leave it, and a new disk on the copy reads back every such block, and GET LBA STATUS tells the truth:
 * blocks never written or synchronously unmapped stay deallocated.
 */
class RestartDurabilityTest {

    private static final int BS = 512;
    private static final int CAPACITY = 1024;

    @TempDir
    Path tmp;

    private static DiskConfig config() {
        return DiskConfig.builder(CAPACITY, BS).thin().serialNumber("RESTART").build();
    }

    private static byte[] pattern(int seed, int blocks) {
        byte[] b = new byte[blocks * BS];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i * 7 + i / BS);
        }
        return b;
    }

    /** The files as the file system holds them now: what a crash would leave. */
    private Path crashImage(Path dir) throws IOException {
        Path copy = tmp.resolve("after-crash");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    /** The (lba, blocks, status) of every GET LBA STATUS descriptor from LBA 0 to the end. */
    private static List<long[]> lbaStatus(ModelClient client) {
        ByteBuffer d = ByteBuffer.wrap(client.getLbaStatus(0, 8 + 16 * 256));
        int count = (d.getInt(0) - 4) / 16;
        List<long[]> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = 8 + 16 * i;
            runs.add(new long[] {d.getLong(at), d.getInt(at + 8) & 0xFFFF_FFFFL, d.get(at + 12) & 0x0F});
        }
        return runs;
    }

    private static int statusOf(List<long[]> runs, long lba) {
        for (long[] r : runs) {
            if (lba >= r[0] && lba < r[0] + r[1]) {
                return (int) r[2];
            }
        }
        throw new AssertionError("GET LBA STATUS does not cover LBA " + lba);
    }

    @Test
    void synchronizedWritesAndWritesWithTheCacheDisabledSurviveARestartWithoutClose() throws IOException {
        Path dir = tmp.resolve("disk");
        Disk disk = Disk.builder(config()).store(FileBlockStore.create(dir, BS, CAPACITY)).build();
        ModelClient client = new ModelClient(disk.logicalUnit(), "before");

        client.writeCacheEnabled(false);
        assertThat(disk.medium().isWriteCacheEnabled()).isFalse();
        client.write(0, pattern(1, 10), BS, false); // WCE=0: durable before GOOD, no SYNCHRONIZE CACHE
        client.unmap(5, 2, false); // WCE=0: the deallocation is durable too

        client.writeCacheEnabled(true);
        assertThat(disk.medium().isWriteCacheEnabled()).isTrue();
        client.write(100, pattern(2, 10), BS, false);
        client.write(110, pattern(3, 4), BS, false);
        client.unmap(104, 3, false);
        client.synchronizeCache();
        client.write(200, pattern(4, 10), BS, true); // FUA
        client.write(300, pattern(5, 10), BS, false); // cached, never synchronized: no promise either way

        Path image = crashImage(dir);
        // the original disk is never closed: the image holds only what the store handed to the file system

        Disk restarted = Disk.builder(config()).store(FileBlockStore.open(image)).build();
        ModelClient after = new ModelClient(restarted.logicalUnit(), "after");
        byte[] wceOff = pattern(1, 10);
        java.util.Arrays.fill(wceOff, 5 * BS, 7 * BS, (byte) 0);
        assertThat(after.read(0, 10, BS)).as("blocks written with WCE=0").isEqualTo(wceOff);
        byte[] synced = pattern(2, 10);
        java.util.Arrays.fill(synced, 4 * BS, 7 * BS, (byte) 0);
        assertThat(after.read(100, 10, BS)).as("blocks written and synchronized").isEqualTo(synced);
        assertThat(after.read(110, 4, BS)).as("blocks written and synchronized").isEqualTo(pattern(3, 4));
        assertThat(after.read(200, 10, BS)).as("FUA blocks").isEqualTo(pattern(4, 10));
        byte[] cached = after.read(300, 10, BS);
        for (int b = 0; b < 10; b++) {
            byte[] block = java.util.Arrays.copyOfRange(cached, b * BS, (b + 1) * BS);
            byte[] written = java.util.Arrays.copyOfRange(pattern(5, 10), b * BS, (b + 1) * BS);
            assertThat(java.util.Arrays.equals(block, new byte[BS]) || java.util.Arrays.equals(block, written))
                    .as("unsynchronized block %d is either its old or its new contents, never torn", 300 + b)
                    .isTrue();
        }

        List<long[]> runs = lbaStatus(after);
        assertThat(runs.get(0)[0]).isZero();
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i)[0]).as("contiguous descriptors").isEqualTo(runs.get(i - 1)[0] + runs.get(i - 1)[1]);
        }
        for (long lba : new long[] {0, 4, 7, 9, 100, 103, 107, 109, 110, 113, 200, 209}) {
            assertThat(statusOf(runs, lba)).as("LBA %d was written durably: mapped", lba).isEqualTo(0);
        }
        for (long lba : new long[] {5, 6, 104, 105, 106, 10, 99, 114, 199, 210, 299, 500, 1023}) {
            assertThat(statusOf(runs, lba)).as("LBA %d was never written or was unmapped: deallocated", lba)
                    .isEqualTo(1);
        }
        restarted.close();
    }
}
