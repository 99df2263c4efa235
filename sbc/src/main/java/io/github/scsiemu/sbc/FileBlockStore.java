package io.github.scsiemu.sbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A persistent {@link BlockStore} in a directory of three files, whose written and synchronized blocks survive a
 * restart or a crash (SBC-4 4.15; DESIGN.md section 5):
 *
 * <ul>
 * <li>{@code blockstore.meta}, 28 bytes, big-endian: the magic {@code "SCSIEMUB"}, the format version (1), the
 * logical block length, the capacity in blocks, and a CRC-32C of those 24 bytes; replaced atomically (temporary
 * file, force, rename, force the directory) when the capacity changes. {@link #open} refuses a file that fails
 * any check with an {@link IOException}.</li>
 * <li>{@code blocks.data}: logical block {@code n} at byte {@code n * blockSize()}. Only written blocks are
 * written, so the file stays sparse where the file system allows; it is never pre-filled.</li>
 * <li>{@code provisioning.log}: the provisioning map (SBC-4 4.7.1) as an append-only log: a 16-byte header (magic
 * {@code "SCSIEMUP"}, version, CRC-32C), then 24-byte records (PROVISIONING STATUS code, first LBA, number of
 * blocks, CRC-32C), replayed in order on {@link #open}; once it has grown it is compacted to one record per mapped
 * or anchored run by an atomic replacement. The map is authoritative:
 * only mapped blocks are read from the data file, so deallocated and anchored blocks read as zeros whatever old
 * bytes remain there.</li>
 * </ul>
 *
 * <p>Durability protocol: {@link #synchronize} takes the map changes made so far, forces the data file, then
 * appends those changes to the log and forces it. A change reaches the log only after the data it maps is on the
 * device, so after a crash every block the map calls mapped holds data written to it, every synchronized block
 * holds its synchronized data and state, and the log's torn tail, if any, is cut off on {@link #open}. Nothing
 * relies on {@link #close}. A resize forces pending changes, logs the deallocation of the blocks it cuts off,
 * replaces the metadata, then trims the data file.
 *
 * <p>Concurrency: the map is cut into regions of 1024 blocks, each with a read-write lock
 * held across the file transfer and the map update, so no block is torn and a block's data and state change
 * together; transfers in different regions run in parallel. A resize, a compaction and {@link #close} exclude all
 * other operations. File failures surface as {@link UncheckedIOException}.
 */
public final class FileBlockStore extends RegionedBlockStore<RegionTable.Region> {

    /** The data file's name. */
    static final String DATA_FILE = "blocks.data";
    /** Blocks per lock and per map region unless a test asks for another number. */
    static final int BLOCKS_PER_REGION = 1024;
    /** Log records kept in memory before they are written out (without waiting for synchronize). */
    private static final int FLUSH_RECORDS = 1 << 16;
    /** The log is compacted once it holds at least this many records (and 4 times its last compacted size). */
    static final long COMPACT_RECORDS = 1 << 16;

    private final Path directory;
    private final long compactRecords;
    private final FileChannel data;
    private final ProvisioningLog log;
    /** Serializes the flushes of the map to the log. */
    private final Object flushLock = new Object();
    /** Whether {@link #close} has run; read and written under the geometry lock (exclusive for writes). */
    private boolean closed;

    private FileBlockStore(Path directory, StoreMetadata metadata, int blocksPerRegion, long compactRecords)
            throws IOException {
        super(metadata.blockSize(), metadata.capacity(), blocksPerRegion, RegionTable.Region::new);
        this.directory = directory;
        this.compactRecords = compactRecords;
        this.data = FileChannel.open(directory.resolve(DATA_FILE), StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            this.log = ProvisioningLog.open(directory, capacity(),
                    (state, lba, blocks) -> table.update(lba, blocks, state, (i, r, from, to) -> { }));
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
        try {
            long bytes = capacity() << blockShift;
            if (data.size() > bytes) { // a shrink interrupted before it trimmed the file
                data.truncate(bytes);
                data.force(true);
            }
            if (log.shouldCompact(compactRecords)) {
                compact();
            }
        } catch (IOException | RuntimeException e) {
            data.close();
            log.close();
            throw e;
        }
    }

    /**
     * Creates an empty store (every block deallocated) in {@code directory}, which is created if need be.
     *
     * @param directory where the store's files go
     * @param blockSize the logical block length: a power of two
     * @param capacity  the number of logical blocks, at least one
     * @return the open store
     * @throws FileAlreadyExistsException if the directory already holds a store
     * @throws IOException                if the files could not be created
     */
    public static FileBlockStore create(Path directory, int blockSize, long capacity) throws IOException {
        return create(directory, blockSize, capacity, BLOCKS_PER_REGION, COMPACT_RECORDS);
    }

    /** Creates a store with other lock regions and compaction threshold: for tests. */
    static FileBlockStore create(Path directory, int blockSize, long capacity, int blocksPerRegion,
            long compactRecords) throws IOException {
        StoreMetadata metadata = new StoreMetadata(blockSize, capacity);
        Files.createDirectories(directory);
        Path meta = directory.resolve(StoreMetadata.FILE);
        if (Files.exists(meta)) {
            throw new FileAlreadyExistsException(meta.toString(), null, "a block store exists here");
        }
        try (FileChannel ignored = FileChannel.open(directory.resolve(DATA_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ignored.force(true);
        }
        ProvisioningLog.create(directory);
        metadata.write(directory); // last: a store exists once its metadata does
        return new FileBlockStore(directory, metadata, blocksPerRegion, compactRecords);
    }

    /**
     * Opens the store in {@code directory} as it was last synchronized (or closed).
     *
     * @param directory a directory written by {@link #create}
     * @return the open store
     * @throws IOException if there is no store, its metadata or provisioning log is corrupted, or a file could not
     *                     be read
     */
    public static FileBlockStore open(Path directory) throws IOException {
        return open(directory, BLOCKS_PER_REGION, COMPACT_RECORDS);
    }

    /** Opens a store with other lock regions and compaction threshold: for tests. */
    static FileBlockStore open(Path directory, int blocksPerRegion, long compactRecords) throws IOException {
        return new FileBlockStore(directory, StoreMetadata.read(directory), blocksPerRegion, compactRecords);
    }

    /** The directory holding the store's files. */
    public Path directory() {
        return directory;
    }

    /** Synchronizes the whole store: every completed write and provisioning change becomes durable. */
    @Override
    public void synchronize(long lba, long blocks) {
        geometry.readLock().lock();
        try {
            checkOpen();
            flush(true);
        } finally {
            geometry.readLock().unlock();
        }
        if (log.shouldCompact(compactRecords)) {
            geometry.writeLock().lock();
            try {
                if (!closed && log.shouldCompact(compactRecords)) {
                    compact();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("compacting " + directory.resolve(ProvisioningLog.FILE), e);
            } finally {
                geometry.writeLock().unlock();
            }
        }
    }

    /** Reads mapped blocks from the data file; blocks past its end (lost in a crash) read as zeros. */
    @Override
    void readMapped(RegionTable.Region region, int from, int to, long lba, ByteBuffer destination) {
        int length = (to - from) << blockShift;
        ByteBuffer piece = destination.slice(destination.position(), length);
        long position = lba << blockShift;
        try {
            while (piece.hasRemaining()) {
                int n = data.read(piece, position + piece.position());
                if (n < 0) { // past the end of the file: a mapped block whose data a crash lost
                    putZeros(piece, piece.remaining());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + directory.resolve(DATA_FILE), e);
        }
        destination.position(destination.position() + length);
    }

    /** Writes the blocks to the data file; they are durable once a later {@link #synchronize} returns. */
    @Override
    void writeMapped(RegionTable.Region region, int from, int to, long lba, ByteBuffer source) {
        ByteBuffer piece = source.slice(source.position(), (to - from) << blockShift);
        try {
            DurableFiles.writeFully(data, piece, lba << blockShift);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + directory.resolve(DATA_FILE), e);
        }
        source.position(source.position() + piece.capacity());
    }

    /** Appends the change to the provisioning log's pending records. */
    @Override
    void recordChange(ProvisioningState state, long lba, long blocks) {
        log.append(state, lba, blocks);
    }

    /** Writes the pending records out if there are many (without forcing them). */
    @Override
    void changesRecorded() {
        if (log.pendingRecords() >= FLUSH_RECORDS) {
            flush(false);
        }
    }

    @Override
    void checkNewCapacity(long newCapacity) {
        new StoreMetadata(blockSize(), newCapacity);
    }

    /**
     * Makes the new capacity survive a crash: on a shrink, forces the deallocation of the blocks cut off (the
     * caller has logged it) before the capacity shrinks; then replaces the metadata.
     */
    @Override
    void persistCapacity(long oldCapacity, long newCapacity) {
        if (newCapacity < oldCapacity) {
            flush(true); // the cut blocks are deallocated before the capacity shrinks
        }
        try {
            new StoreMetadata(blockSize(), newCapacity).write(directory);
        } catch (IOException e) {
            throw resizeFailed(e);
        }
    }

    /** Trims blocks cut off from the data file. */
    @Override
    void capacityChanged(long newCapacity) {
        try {
            if (data.size() > newCapacity << blockShift) {
                data.truncate(newCapacity << blockShift);
                data.force(true);
            }
        } catch (IOException e) {
            throw resizeFailed(e);
        }
    }

    private UncheckedIOException resizeFailed(IOException e) {
        return new UncheckedIOException("resizing the store in " + directory, e);
    }

    /** True: synchronized blocks survive close and open, and crashes. */
    @Override
    public boolean isPersistent() {
        return true;
    }

    /** Synchronizes everything, compacts the log if it has grown, and closes the files. Idempotent. */
    @Override
    public void close() {
        geometry.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            try {
                flush(true);
                if (log.shouldCompact(compactRecords)) {
                    compact();
                }
            } finally {
                closed = true;
                try (FileChannel d = data; ProvisioningLog l = log) {
                    // closes both
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("closing the store in " + directory, e);
        } finally {
            geometry.writeLock().unlock();
        }
    }

    /**
     * Writes the pending map changes to the log after forcing the data they map; forces the log too if asked.
     * Changes taken but not written are put back if anything fails.
     */
    private void flush(boolean force) {
        synchronized (flushLock) {
            ByteBuffer records = log.takePending();
            try {
                data.force(true);
                log.write(records.duplicate());
                if (force) {
                    log.force();
                }
            } catch (IOException e) {
                log.requeue(records);
                throw new UncheckedIOException("synchronizing the store in " + directory, e);
            }
        }
    }

    /** Replaces the log by the current map. The caller holds the geometry write lock. */
    private void compact() throws IOException {
        flush(false);
        List<ProvisioningRun> runs = new ArrayList<>();
        long lba = 0;
        long capacity = capacity();
        while (lba < capacity) {
            ProvisioningRun run = table.status(lba, capacity);
            if (run.state() != ProvisioningState.DEALLOCATED) {
                runs.add(run);
            }
            lba += run.blocks();
        }
        log.compact(runs);
    }

    @Override
    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the block store in " + directory + " is closed");
        }
    }
}
