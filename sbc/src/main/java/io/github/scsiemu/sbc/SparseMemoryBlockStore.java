package io.github.scsiemu.sbc;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link BlockStore} in memory that allocates only what is written: the medium is cut into fixed-size chunks
 * (a power of two, a whole number of logical blocks), and a chunk is allocated on its first write. A 1 TiB thin
 * medium therefore costs nothing until it is written, and unwritten blocks read as zeros (as an unmapped LBA of a
 * thin-provisioned logical unit with LBPRZ set would).
 *
 * <p>Each chunk has its own read-write lock: transfers touching different chunks run in parallel, reads of the same
 * chunk share it, and since a logical block never straddles two chunks no block is ever torn.
 */
public final class SparseMemoryBlockStore implements BlockStore {

    /** The chunk size used unless another is given: 64 KiB. */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    private static final int MAX_CHUNK_SIZE = 1 << 30;
    private static final byte[] ZEROS = new byte[DEFAULT_CHUNK_SIZE];

    private final int blockSize;
    private final long capacity;
    private final int chunkSize;
    private final int chunkShift;
    private final ConcurrentMap<Long, Chunk> chunks = new ConcurrentHashMap<>();

    /** One allocated piece of the medium. */
    private static final class Chunk {
        final byte[] data;
        final ReadWriteLock lock = new ReentrantReadWriteLock();

        Chunk(int size) {
            this.data = new byte[size];
        }
    }

    /**
     * A store of {@code capacity} blocks of {@code blockSize} bytes in chunks of {@link #DEFAULT_CHUNK_SIZE}
     * (or one block, if blocks are larger).
     */
    public SparseMemoryBlockStore(int blockSize, long capacity) {
        this(blockSize, capacity, Math.max(DEFAULT_CHUNK_SIZE, blockSize));
    }

    /**
     * A store with an explicit chunk size.
     *
     * @param blockSize the logical block length: a power of two
     * @param capacity  the number of logical blocks, at least one; {@code capacity * blockSize} must fit a long
     * @param chunkSize the allocation unit: a power of two, at least {@code blockSize}, at most 1 GiB
     */
    public SparseMemoryBlockStore(int blockSize, long capacity, int chunkSize) {
        if (blockSize <= 0 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size must be a power of two: " + blockSize);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least one block: " + capacity);
        }
        Math.multiplyExact(capacity, (long) blockSize); // the byte offset of every block must fit a long
        if (Integer.bitCount(chunkSize) != 1 || chunkSize < blockSize || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size must be a power of two from the block size to 1 GiB: "
                    + chunkSize);
        }
        this.blockSize = blockSize;
        this.capacity = capacity;
        this.chunkSize = chunkSize;
        this.chunkShift = Integer.numberOfTrailingZeros(chunkSize);
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    @Override
    public long capacity() {
        return capacity;
    }

    /** The allocation unit in bytes. */
    public int chunkSize() {
        return chunkSize;
    }

    /** How many chunks have been allocated (written at least once). */
    public int allocatedChunks() {
        return chunks.size();
    }

    /** The bytes of medium allocated so far. */
    public long allocatedBytes() {
        return (long) chunks.size() * chunkSize;
    }

    @Override
    public void read(long lba, ByteBuffer destination) {
        BlockStore.checkTransfer(this, lba, destination.remaining());
        long offset = lba * blockSize;
        while (destination.hasRemaining()) {
            int within = (int) (offset & (chunkSize - 1));
            int n = Math.min(destination.remaining(), chunkSize - within);
            Chunk chunk = chunks.get(offset >>> chunkShift);
            if (chunk == null) {
                putZeros(destination, n);
            } else {
                chunk.lock.readLock().lock();
                try {
                    destination.put(chunk.data, within, n);
                } finally {
                    chunk.lock.readLock().unlock();
                }
            }
            offset += n;
        }
    }

    @Override
    public void write(long lba, ByteBuffer source) {
        BlockStore.checkTransfer(this, lba, source.remaining());
        long offset = lba * blockSize;
        while (source.hasRemaining()) {
            int within = (int) (offset & (chunkSize - 1));
            int n = Math.min(source.remaining(), chunkSize - within);
            Chunk chunk = chunks.computeIfAbsent(offset >>> chunkShift, k -> new Chunk(chunkSize));
            chunk.lock.writeLock().lock();
            try {
                source.get(chunk.data, within, n);
            } finally {
                chunk.lock.writeLock().unlock();
            }
            offset += n;
        }
    }

    private static void putZeros(ByteBuffer destination, int n) {
        while (n > 0) {
            int k = Math.min(n, ZEROS.length);
            destination.put(ZEROS, 0, k);
            n -= k;
        }
    }
}
