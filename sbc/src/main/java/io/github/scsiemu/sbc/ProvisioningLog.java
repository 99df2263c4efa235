package io.github.scsiemu.sbc;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The provisioning map (SBC-4 4.7.1) of a {@link FileBlockStore} as an append-only log of changes, the file
 * {@value #FILE}. It starts with a 16-byte header: the magic {@code "SCSIEMUP"}, the format version (4 bytes) and a
 * CRC-32C of those 12 bytes. Records of 24 bytes follow, big-endian: the PROVISIONING STATUS code of the new state
 * (4 bytes: 0 mapped, 1 deallocated, 2 anchored), the first LBA (8), the number of blocks (8) and a CRC-32C of the
 * preceding 20 bytes (4). Replaying the records in order from an all-deallocated medium gives the map.
 *
 * <p>Changes are collected in memory (adjacent changes to the same state coalesce) and appended by
 * {@link #write}; they are durable once {@link #force} returns. A crash can leave a torn tail: replay stops at the
 * first incomplete record or one whose checksum fails, and the log is cut there. {@link #compact} replaces the log
 * atomically with one record per run of mapped or anchored blocks. Not thread-safe except {@link #append} and
 * {@link #pendingRecords}, which may be called concurrently with each other and with the rest.
 */
final class ProvisioningLog implements Closeable {

    /** The log file's name. */
    static final String FILE = "provisioning.log";
    /** The format this code writes and reads. */
    static final int VERSION = 1;

    private static final byte[] MAGIC = "SCSIEMUP".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 16;
    private static final int RECORD = 24;
    private static final ProvisioningState[] STATES = ProvisioningState.values();

    /** Receives the changes a replay finds, in order. */
    @FunctionalInterface
    interface Replay {
        void apply(ProvisioningState state, long lba, long blocks);
    }

    private final Path file;
    private FileChannel channel;
    private long end;
    private long records;
    private long recordsAfterCompaction;

    private final Object pendingLock = new Object();
    private ByteBuffer pending = ByteBuffer.allocate(64 * RECORD);
    private ProvisioningState lastState;
    private long lastLba;
    private long lastBlocks;
    private int pendingCount;

    private ProvisioningLog(Path file, FileChannel channel, long end, long records) {
        this.file = file;
        this.channel = channel;
        this.end = end;
        this.records = records;
        this.recordsAfterCompaction = records;
    }

    /** Creates an empty log in {@code directory}, durably. */
    static void create(Path directory) throws IOException {
        DurableFiles.replace(directory.resolve(FILE), header());
    }

    /**
     * Opens the log in {@code directory} and replays it: every record, clipped to {@code capacity} blocks, goes to
     * {@code replay}. A torn tail is cut off.
     *
     * @throws IOException if the log is missing, its header is not valid, or a record that passes its checksum
     *                     holds impossible values
     */
    static ProvisioningLog open(Path directory, long capacity, Replay replay) throws IOException {
        Path file = directory.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            readFully(channel, header, 0);
            if (!header.flip().equals(header())) {
                throw new IOException("corrupted provisioning log " + file + ": bad header");
            }
            long position = HEADER;
            long count = 0;
            ByteBuffer chunk = ByteBuffer.allocate(RECORD * 4096);
            while (position < size) {
                chunk.clear();
                readFully(channel, chunk, position);
                chunk.flip();
                int valid = 0;
                while (chunk.remaining() >= RECORD && recordValid(chunk, chunk.position())) {
                    int at = chunk.position();
                    apply(file, chunk.getInt(at), chunk.getLong(at + 4), chunk.getLong(at + 12), capacity, replay);
                    chunk.position(at + RECORD);
                    valid++;
                }
                position += (long) valid * RECORD;
                count += valid;
                if (chunk.hasRemaining() || valid == 0) {
                    break; // a torn or partial record: the end of what was durably appended
                }
            }
            if (position < size) {
                channel.truncate(position);
                channel.force(true);
            }
            return new ProvisioningLog(file, channel, position, count);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static boolean recordValid(ByteBuffer b, int at) {
        return DurableFiles.crc(b, at, at + RECORD - 4) == b.getInt(at + RECORD - 4);
    }

    private static void apply(Path file, int code, long lba, long blocks, long capacity, Replay replay)
            throws IOException {
        if (code < 0 || code >= STATES.length || lba < 0 || blocks < 1 || lba > Long.MAX_VALUE - blocks) {
            throw new IOException("corrupted provisioning log " + file + ": record " + code + "/" + lba + "/"
                    + blocks);
        }
        if (lba < capacity) {
            replay.apply(STATES[code], lba, Math.min(blocks, capacity - lba));
        }
    }

    /** Records that blocks {@code lba} to {@code lba + blocks - 1} went to {@code state}. */
    void append(ProvisioningState state, long lba, long blocks) {
        synchronized (pendingLock) {
            if (state == lastState && lba == lastLba + lastBlocks) {
                lastBlocks += blocks;
                return;
            }
            if (lastState != null) {
                putRecord(lastState, lastLba, lastBlocks);
            }
            lastState = state;
            lastLba = lba;
            lastBlocks = blocks;
            pendingCount++;
        }
    }

    /** How many records wait to be written. */
    int pendingRecords() {
        synchronized (pendingLock) {
            return pendingCount;
        }
    }

    private void putRecord(ProvisioningState state, long lba, long blocks) {
        if (pending.remaining() < RECORD) {
            pending = ByteBuffer.allocate(pending.capacity() * 2).put(pending.flip());
        }
        putRecord(pending, state, lba, blocks);
    }

    private static void putRecord(ByteBuffer b, ProvisioningState state, long lba, long blocks) {
        int at = b.position();
        b.putInt(state.code()).putLong(lba).putLong(blocks);
        b.putInt(DurableFiles.crc(b, at, at + RECORD - 4));
    }

    /** Takes the records waiting to be written, ready to read. */
    ByteBuffer takePending() {
        synchronized (pendingLock) {
            if (lastState != null) {
                putRecord(lastState, lastLba, lastBlocks);
                lastState = null;
            }
            ByteBuffer taken = pending.flip();
            pending = ByteBuffer.allocate(64 * RECORD);
            pendingCount = 0;
            return taken;
        }
    }

    /** Puts records taken but not written back in front of those waiting, after a failed write. */
    void requeue(ByteBuffer taken) {
        synchronized (pendingLock) {
            pendingCount += taken.remaining() / RECORD;
            pending = ByteBuffer.allocate(taken.remaining() + pending.capacity()).put(taken).put(pending.flip());
        }
    }

    /** Appends records taken by {@link #takePending}; they are durable after {@link #force}. */
    void write(ByteBuffer taken) throws IOException {
        int n = taken.remaining() / RECORD;
        DurableFiles.writeFully(channel, taken, end);
        end += (long) n * RECORD;
        records += n;
    }

    /** Forces the appended records to the device. */
    void force() throws IOException {
        channel.force(true);
    }

    /** Whether the log holds many more records than its last compaction wrote (or {@code minimum}). */
    boolean shouldCompact(long minimum) {
        return records > Math.max(minimum, 4 * recordsAfterCompaction);
    }

    /**
     * Replaces the log, atomically and durably, with one record per run of {@code runs} (the mapped and anchored
     * runs of the whole map, in LBA order). Nothing may be pending.
     */
    void compact(List<ProvisioningRun> runs) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER + runs.size() * RECORD).put(header());
        for (ProvisioningRun run : runs) {
            putRecord(b, run.state(), run.lba(), run.blocks());
        }
        DurableFiles.replace(file, b.flip());
        FileChannel old = channel;
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        old.close();
        end = channel.size();
        records = runs.size();
        recordsAfterCompaction = records;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static ByteBuffer header() {
        ByteBuffer b = ByteBuffer.allocate(HEADER).put(MAGIC).putInt(VERSION);
        b.putInt(DurableFiles.crc(b, 0, HEADER - 4));
        return b.flip();
    }

    private static void readFully(FileChannel channel, ByteBuffer destination, long position) throws IOException {
        while (destination.hasRemaining()) {
            int n = channel.read(destination, position);
            if (n < 0) {
                return;
            }
            position += n;
        }
    }
}
