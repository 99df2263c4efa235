package io.github.scsiemu.sbc;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A volatile {@link BlockStore} in memory that allocates only what is written, as a thin-provisioned logical unit
 * does (SBC-4 4.7.3): the medium is cut into fixed-size chunks (a power of two, a whole number of logical blocks).
 * A chunk whose blocks are not all in one provisioning state has a bitmap (mapped, anchored, otherwise
 * deallocated) and, while any of its blocks is mapped, a data array. Deallocating or anchoring blocks zeroes them; a
 * chunk whose blocks are all unmapped drops its data, and one whose blocks are all deallocated or all anchored is
 * dropped altogether: wholly anchored chunks are kept as runs of chunk indexes ({@link RegionTable}), so anchoring
 * a whole 1 TiB thin medium allocates no chunk at all, and the medium costs nothing until written and nothing
 * again once deallocated or anchored. Unwritten blocks read as zeros (LBPRZ = 1).
 *
 * <p>Each chunk has its own read-write lock, which guards its data and its bitmap together: transfers touching
 * different chunks run in parallel, reads of the same chunk share it, a logical block never straddles two chunks
 * so no block is ever torn, and a read sees a block's data and provisioning state change together. A resize
 * excludes every other operation.
 */
public final class SparseMemoryBlockStore implements BlockStore {

    /** The chunk size used unless another is given: 64 KiB. */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    private static final int MAX_CHUNK_SIZE = 1 << 30;
    private static final byte[] ZEROS = new byte[DEFAULT_CHUNK_SIZE];

    private final int blockSize;
    private final int chunkSize;
    private final int chunkShift;
    private final int blockShift;
    private final RegionTable<Chunk> table;
    /** Held shared by every operation and exclusively by {@link #resize}. */
    private final ReadWriteLock geometry = new ReentrantReadWriteLock();
    private volatile long capacity;

    /** One piece of the medium whose blocks are not all deallocated or all anchored. */
    private static final class Chunk extends RegionTable.Region {
        /** The bytes of the chunk while any block is mapped, else null; unmapped blocks hold zeros. */
        byte[] data;
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
        checkCapacity(capacity, blockSize);
        if (Integer.bitCount(chunkSize) != 1 || chunkSize < blockSize || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size must be a power of two from the block size to 1 GiB: "
                    + chunkSize);
        }
        this.blockSize = blockSize;
        this.capacity = capacity;
        this.chunkSize = chunkSize;
        this.chunkShift = Integer.numberOfTrailingZeros(chunkSize);
        this.blockShift = Integer.numberOfTrailingZeros(blockSize);
        this.table = new RegionTable<>(chunkSize / blockSize, Chunk::new);
    }

    private static void checkCapacity(long capacity, int blockSize) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least one block: " + capacity);
        }
        Math.multiplyExact(capacity, (long) blockSize); // the byte offset of every block must fit a long
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

    /** How many chunks hold data (have a mapped block). */
    public int allocatedChunks() {
        int n = 0;
        for (Chunk c : table.regions()) {
            c.lock.readLock().lock();
            try {
                n += c.data == null ? 0 : 1;
            } finally {
                c.lock.readLock().unlock();
            }
        }
        return n;
    }

    /** How many chunks have a chunk object with a provisioning bitmap (for tests of memory use). */
    int trackedChunks() {
        return table.regions().size();
    }

    /** How many runs of wholly anchored chunks the store keeps (for tests of memory use). */
    int anchoredRuns() {
        return table.anchoredRuns();
    }

    /** The bytes of medium allocated for data. */
    public long allocatedBytes() {
        return (long) allocatedChunks() * chunkSize;
    }

    @Override
    public void read(long lba, ByteBuffer destination) {
        geometry.readLock().lock();
        try {
            BlockStore.checkTransfer(this, lba, destination.remaining());
            long offset = lba << blockShift;
            while (destination.hasRemaining()) {
                int within = (int) (offset & (chunkSize - 1));
                int n = Math.min(destination.remaining(), chunkSize - within);
                Chunk chunk = table.lockExisting(offset >>> chunkShift, false);
                if (chunk == null) {
                    putZeros(destination, n);
                } else {
                    try {
                        if (chunk.data == null) {
                            putZeros(destination, n);
                        } else {
                            destination.put(chunk.data, within, n);
                        }
                    } finally {
                        chunk.lock.readLock().unlock();
                    }
                }
                offset += n;
            }
        } finally {
            geometry.readLock().unlock();
        }
    }

    @Override
    public void write(long lba, ByteBuffer source) {
        geometry.readLock().lock();
        try {
            BlockStore.checkTransfer(this, lba, source.remaining());
            long offset = lba << blockShift;
            while (source.hasRemaining()) {
                int within = (int) (offset & (chunkSize - 1));
                int n = Math.min(source.remaining(), chunkSize - within);
                Chunk chunk = table.lockForUpdate(offset >>> chunkShift);
                try {
                    if (chunk.data == null) {
                        chunk.data = new byte[chunkSize];
                    }
                    source.get(chunk.data, within, n);
                    chunk.states.set(within >>> blockShift, (within + n) >>> blockShift, ProvisioningState.MAPPED);
                } finally {
                    chunk.lock.writeLock().unlock();
                }
                offset += n;
            }
        } finally {
            geometry.readLock().unlock();
        }
    }

    /** A no-op: nothing in memory survives a restart. */
    @Override
    public void synchronize(long lba, long blocks) {
        // volatile store: nothing to make durable
    }

    @Override
    public void deallocate(long lba, long blocks) {
        unmap(lba, blocks, ProvisioningState.DEALLOCATED);
    }

    @Override
    public void anchor(long lba, long blocks) {
        unmap(lba, blocks, ProvisioningState.ANCHORED);
    }

    private void unmap(long lba, long blocks, ProvisioningState state) {
        geometry.readLock().lock();
        try {
            checkRange(lba, blocks);
            table.update(lba, blocks, state, this::zero);
        } finally {
            geometry.readLock().unlock();
        }
    }

    /** Zeroes blocks {@code from} to {@code to - 1} of a chunk just unmapped; drops its data if none is mapped. */
    private void zero(long index, Chunk chunk, int from, int to) {
        if (!chunk.states.anyMapped()) {
            chunk.data = null;
        } else {
            Arrays.fill(chunk.data, from << blockShift, to << blockShift, (byte) 0);
        }
    }

    @Override
    public ProvisioningRun provisioningStatus(long lba, long maxBlocks) {
        geometry.readLock().lock();
        try {
            long capacity = this.capacity;
            if (lba < 0 || lba >= capacity || maxBlocks < 1) {
                throw new IndexOutOfBoundsException("LBA " + lba + " (" + maxBlocks + " blocks) outside a medium of "
                        + capacity + " blocks");
            }
            return table.status(lba, lba + Math.min(maxBlocks, capacity - lba));
        } finally {
            geometry.readLock().unlock();
        }
    }

    @Override
    public void resize(long newCapacity) {
        checkCapacity(newCapacity, blockSize);
        geometry.writeLock().lock();
        try {
            if (newCapacity < capacity) {
                table.truncate(newCapacity, this::zero);
            }
            capacity = newCapacity;
        } finally {
            geometry.writeLock().unlock();
        }
    }

    /** False: the store lives in memory. */
    @Override
    public boolean isPersistent() {
        return false;
    }

    /** A no-op: the store holds no resources beyond memory. */
    @Override
    public void close() {
        // nothing to release
    }

    private void checkRange(long lba, long blocks) {
        if (blocks < 0 || lba < 0 || lba > capacity - blocks) {
            throw new IndexOutOfBoundsException("blocks " + lba + "+" + blocks + " outside a medium of " + capacity
                    + " blocks");
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
