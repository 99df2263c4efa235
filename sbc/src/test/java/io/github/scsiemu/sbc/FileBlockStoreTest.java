package io.github.scsiemu.sbc;

import static io.github.scsiemu.sbc.BlockStoreContract.pattern;
import static io.github.scsiemu.sbc.BlockStoreContract.read;
import static io.github.scsiemu.sbc.BlockStoreContract.run;
import static io.github.scsiemu.sbc.BlockStoreContract.runs;
import static io.github.scsiemu.sbc.BlockStoreContract.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileBlockStore} beyond the common contract: its files, restarts and crashes. A crash is simulated by
 * copying the store's directory while the store is still open (never closed), after it synchronized, and opening
 * the copy: the copy holds exactly what the store had handed to the file system, with nothing close() would add.
 */
class FileBlockStoreTest {

    private static final int BS = BlockStoreContract.BS;
    private static final int R = 8; // lock regions of 8 blocks, so short ranges cross them

    @TempDir
    Path tmp;

    private FileBlockStore create(long capacity) throws IOException {
        return FileBlockStore.create(tmp.resolve("disk"), BS, capacity, R, FileBlockStore.COMPACT_RECORDS);
    }

    private static FileBlockStore open(Path dir) throws IOException {
        return FileBlockStore.open(dir, R, FileBlockStore.COMPACT_RECORDS);
    }

    /** A crash image: the files as the file system holds them now. */
    private Path crashImage(Path dir) throws IOException {
        Path copy = tmp.resolve("crash" + System.nanoTime());
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    @Test
    void createLaysOutTheFilesAndNeverPreFillsTheData() throws IOException {
        try (FileBlockStore s = create(1L << 31)) { // 1 TiB
            Path dir = s.directory();
            assertThat(Files.size(dir.resolve(StoreMetadata.FILE))).isEqualTo(28);
            assertThat(Files.size(dir.resolve(FileBlockStore.DATA_FILE))).isZero();
            assertThat(Files.size(dir.resolve(ProvisioningLog.FILE))).isEqualTo(16);
            write(s, 1000, 1, 1);
            s.synchronize(1000, 1);
            assertThat(Files.size(dir.resolve(FileBlockStore.DATA_FILE))).isEqualTo(1001L * BS);
            assertThat(Files.size(dir.resolve(ProvisioningLog.FILE))).isEqualTo(16 + 24);
            assertThat(s.isPersistent()).isTrue();
        }
        assertThatThrownBy(() -> create(10)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void closeAndReopenKeepEverySynchronizedBlockAndState() throws IOException {
        Path dir;
        List<ProvisioningRun> before;
        try (FileBlockStore s = create(40)) {
            dir = s.directory();
            write(s, 5, 10, 1); // [5, 15)
            s.deallocate(7, 2);
            s.anchor(12, 6); // [12, 18)
            write(s, 30, 10, 2);
            s.synchronize(0, 40);
            before = runs(s);
        }
        assertThat(before).containsExactly(
                run(0, 5, ProvisioningState.DEALLOCATED),
                run(5, 2, ProvisioningState.MAPPED),
                run(7, 2, ProvisioningState.DEALLOCATED),
                run(9, 3, ProvisioningState.MAPPED),
                run(12, 6, ProvisioningState.ANCHORED),
                run(18, 12, ProvisioningState.DEALLOCATED),
                run(30, 10, ProvisioningState.MAPPED));
        try (FileBlockStore s = open(dir)) {
            assertThat(s.capacity()).isEqualTo(40);
            assertThat(runs(s)).isEqualTo(before);
            for (long lba = 0; lba < 40; lba++) {
                boolean mapped = lba >= 5 && lba < 7 || lba >= 9 && lba < 12;
                byte[] expected = mapped ? pattern(lba, 1) : lba >= 30 ? pattern(lba, 2) : new byte[BS];
                assertThat(read(s, lba)).as("LBA %d", lba).isEqualTo(expected);
            }
        }
    }

    @Test
    void synchronizedDataSurvivesACrashWithoutClose() throws IOException {
        FileBlockStore s = create(64);
        try {
            write(s, 6, 4, 1);
            s.anchor(20, 3);
            write(s, 40, 2, 2);
            s.deallocate(41, 1);
            s.synchronize(6, 4); // synchronizes everything
            Path image = crashImage(s.directory());
            try (FileBlockStore after = open(image)) {
                assertThat(runs(after)).containsExactly(
                        run(0, 6, ProvisioningState.DEALLOCATED),
                        run(6, 4, ProvisioningState.MAPPED),
                        run(10, 10, ProvisioningState.DEALLOCATED),
                        run(20, 3, ProvisioningState.ANCHORED),
                        run(23, 17, ProvisioningState.DEALLOCATED),
                        run(40, 1, ProvisioningState.MAPPED),
                        run(41, 23, ProvisioningState.DEALLOCATED));
                for (long lba = 6; lba < 10; lba++) {
                    assertThat(read(after, lba)).isEqualTo(pattern(lba, 1));
                }
                assertThat(read(after, 40)).isEqualTo(pattern(40, 2));
                assertThat(read(after, 41)).containsOnly(0);
            }
        } finally {
            s.close();
        }
    }

    @Test
    void aTornLogTailIsCutAndLaterChangesFollowTheValidRecords() throws IOException {
        Path image;
        try (FileBlockStore s = create(32)) {
            write(s, 0, 2, 1);
            s.synchronize(0, 32);
            image = crashImage(s.directory());
        }
        Path log = image.resolve(ProvisioningLog.FILE);
        long valid = Files.size(log);
        byte[] torn = new byte[24 + 10]; // a garbage record and a partial one
        torn[3] = 2;
        Files.write(log, torn, StandardOpenOption.APPEND);
        try (FileBlockStore s = open(image)) {
            assertThat(Files.size(log)).isEqualTo(valid);
            assertThat(runs(s)).containsExactly(run(0, 2, ProvisioningState.MAPPED),
                    run(2, 30, ProvisioningState.DEALLOCATED));
            s.anchor(5, 1);
            s.synchronize(0, 32);
        }
        try (FileBlockStore s = open(image)) {
            assertThat(s.provisioningStatus(5, 1)).isEqualTo(run(5, 1, ProvisioningState.ANCHORED));
            assertThat(read(s, 1)).isEqualTo(pattern(1, 1));
        }
    }

    @Test
    void deallocatedBlocksStayZeroAfterARestartThoughTheirOldBytesRemain() throws IOException {
        Path dir;
        try (FileBlockStore s = create(16)) {
            dir = s.directory();
            write(s, 3, 3, 7);
            s.synchronize(0, 16);
            s.deallocate(3, 1);
            s.anchor(4, 1);
            s.synchronize(0, 16);
        }
        byte[] file = Files.readAllBytes(dir.resolve(FileBlockStore.DATA_FILE));
        byte[] oldBlock3 = java.util.Arrays.copyOfRange(file, 3 * BS, 4 * BS);
        assertThat(oldBlock3).isEqualTo(pattern(3, 7)); // the map, not the data file, decides
        try (FileBlockStore s = open(dir)) {
            assertThat(read(s, 3)).containsOnly(0);
            assertThat(read(s, 4)).containsOnly(0);
            assertThat(read(s, 5)).isEqualTo(pattern(5, 7));
            assertThat(runs(s)).containsExactly(
                    run(0, 4, ProvisioningState.DEALLOCATED),
                    run(4, 1, ProvisioningState.ANCHORED),
                    run(5, 1, ProvisioningState.MAPPED),
                    run(6, 10, ProvisioningState.DEALLOCATED));
        }
    }

    @Test
    void resizePersistsAndTrimsTheDataFile() throws IOException {
        FileBlockStore s = create(32);
        try {
            write(s, 0, 32, 1);
            s.resize(10);
            Path dir = s.directory();
            assertThat(Files.size(dir.resolve(FileBlockStore.DATA_FILE))).isEqualTo(10L * BS);
            try (FileBlockStore crashed = open(crashImage(dir))) { // resize is durable on return
                assertThat(crashed.capacity()).isEqualTo(10);
                assertThat(runs(crashed)).containsExactly(run(0, 10, ProvisioningState.MAPPED));
                assertThat(read(crashed, 9)).isEqualTo(pattern(9, 1));
            }
            s.resize(20);
            try (FileBlockStore crashed = open(crashImage(dir))) {
                assertThat(crashed.capacity()).isEqualTo(20);
                assertThat(runs(crashed)).containsExactly(run(0, 10, ProvisioningState.MAPPED),
                        run(10, 10, ProvisioningState.DEALLOCATED));
                assertThat(read(crashed, 15)).containsOnly(0);
            }
        } finally {
            s.close();
        }
    }

    @Test
    void corruptedOrMissingMetadataIsRefused() throws IOException {
        Path dir;
        try (FileBlockStore s = create(16)) {
            dir = s.directory();
        }
        Path meta = dir.resolve(StoreMetadata.FILE);
        byte[] good = Files.readAllBytes(meta);

        byte[] flipped = good.clone();
        flipped[20] ^= 1; // a capacity bit
        Files.write(meta, flipped);
        assertThatThrownBy(() -> FileBlockStore.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupted block store metadata").hasMessageContaining("checksum mismatch");

        ByteBuffer v2 = ByteBuffer.wrap(good.clone()).putInt(8, 2);
        v2.putInt(24, DurableFiles.crc(v2, 0, 24));
        Files.write(meta, v2.array());
        assertThatThrownBy(() -> FileBlockStore.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("unsupported format version 2");

        ByteBuffer zeroCapacity = ByteBuffer.wrap(good.clone()).putLong(16, 0);
        zeroCapacity.putInt(24, DurableFiles.crc(zeroCapacity, 0, 24));
        Files.write(meta, zeroCapacity.array());
        assertThatThrownBy(() -> FileBlockStore.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("capacity out of range");

        Files.write(meta, java.util.Arrays.copyOf(good, 27));
        assertThatThrownBy(() -> FileBlockStore.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a block store metadata file");

        Files.delete(meta);
        assertThatThrownBy(() -> FileBlockStore.open(dir)).isInstanceOf(NoSuchFileException.class);

        Files.write(meta, good);
        Files.write(dir.resolve(ProvisioningLog.FILE), new byte[16]);
        assertThatThrownBy(() -> FileBlockStore.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupted provisioning log");
    }

    @Test
    void theLogIsCompactedAndStillReplaysTheSameMap() throws IOException {
        Path dir = tmp.resolve("compact");
        List<ProvisioningRun> before;
        try (FileBlockStore s = FileBlockStore.create(dir, BS, 64, R, 16)) {
            for (int n = 0; n < 40; n++) {
                write(s, n % 50, 3, n);
                s.anchor((n * 7) % 60, 2);
                s.deallocate((n * 11) % 60, 1);
                s.synchronize(0, 64);
            }
            before = runs(s);
            // 120 changes were logged; compaction keeps one record per mapped or anchored run
            long mappedOrAnchored = before.stream().filter(r -> r.state() != ProvisioningState.DEALLOCATED).count();
            assertThat(Files.size(dir.resolve(ProvisioningLog.FILE))).isLessThan(16 + 24 * 4 * mappedOrAnchored + 24 * 16);
            assertThat(Files.exists(dir.resolve(ProvisioningLog.FILE + ".tmp"))).isFalse();
        }
        try (FileBlockStore s = FileBlockStore.open(dir, R, 16)) {
            assertThat(runs(s)).isEqualTo(before);
        }
    }

    @Test
    void aClosedStoreRefusesWorkAndCloseIsIdempotent() throws IOException {
        FileBlockStore s = create(8);
        s.close();
        s.close();
        assertThatThrownBy(() -> read(s, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.synchronize(0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeSynchronizesUnsynchronizedWrites() throws IOException {
        Path dir;
        try (FileBlockStore s = create(8)) {
            dir = s.directory();
            write(s, 2, 2, 5);
            s.anchor(6, 1);
        }
        try (FileBlockStore s = open(dir)) {
            assertThat(read(s, 3)).isEqualTo(pattern(3, 5));
            assertThat(s.provisioningStatus(6, 1).state()).isEqualTo(ProvisioningState.ANCHORED);
        }
    }
}
