package io.github.scsiemu.sbc;

import java.nio.ByteBuffer;
import java.util.Arrays;

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
public final class SparseMemoryBlockStore extends RegionedBlockStore<SparseMemoryBlockStore.Chunk> {

    /** The chunk size used unless another is given: 64 KiB. */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    private static final int MAX_CHUNK_SIZE = 1 << 30;

    private final int chunkSize;

    /** One piece of the medium whose blocks are not all deallocated or all anchored. */
    static final class Chunk extends RegionTable.Region {
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
        super(blockSize, capacity, blocksPerChunk(blockSize, capacity, chunkSize), Chunk::new);
        this.chunkSize = chunkSize;
    }

    /** Checks the constructor's arguments; returns the logical blocks in a chunk. */
    private static int blocksPerChunk(int blockSize, long capacity, int chunkSize) {
        if (blockSize <= 0 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("block size must be a power of two: " + blockSize);
        }
        checkCapacity(capacity, blockSize);
        if (Integer.bitCount(chunkSize) != 1 || chunkSize < blockSize || chunkSize > MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size must be a power of two from the block size to 1 GiB: "
                    + chunkSize);
        }
        return chunkSize / blockSize;
    }

    private static void checkCapacity(long capacity, int blockSize) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least one block: " + capacity);
        }
        Math.multiplyExact(capacity, (long) blockSize); // the byte offset of every block must fit a long
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

    /** Copies the blocks from the chunk's data, which exists while any of its blocks is mapped. */
    @Override
    void readMapped(Chunk chunk, int from, int to, long lba, ByteBuffer destination) {
        destination.put(chunk.data, from << blockShift, (to - from) << blockShift);
    }

    /** Copies the blocks into the chunk's data, allocated on the first write. */
    @Override
    void writeMapped(Chunk chunk, int from, int to, long lba, ByteBuffer source) {
        if (chunk.data == null) {
            chunk.data = new byte[chunkSize];
        }
        source.get(chunk.data, from << blockShift, (to - from) << blockShift);
    }

    /** Zeroes blocks just unmapped; drops the chunk's data if none is mapped. */
    @Override
    void unmapped(Chunk chunk, int from, int to) {
        if (!chunk.states.anyMapped()) {
            chunk.data = null;
        } else {
            Arrays.fill(chunk.data, from << blockShift, to << blockShift, (byte) 0);
        }
    }

    @Override
    void checkNewCapacity(long newCapacity) {
        checkCapacity(newCapacity, blockSize());
    }

    /** A no-op: nothing in memory survives a restart. */
    @Override
    public void synchronize(long lba, long blocks) {
        // volatile store: nothing to make durable
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
}
