package io.github.scsiemu.sbc;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The skeleton shared by the block stores whose provisioning map (SBC-4 4.7.1) is a {@link RegionTable}: the
 * geometry (block length, capacity) and its lock, the checks of arguments, the walk of a transfer or an unmap
 * region by region under each region's lock, PROVISIONING STATUS, and the cutting of the map on a capacity change
 * (SBC-4 4.6). A store supplies where the data of mapped blocks lives ({@link #readMapped}, {@link #writeMapped}),
 * what an unmap does to a region's data ({@link #unmapped}), and whether map changes are recorded and capacity
 * changes persisted.
 *
 * <p>Locking: every operation holds the geometry lock shared, {@link #resize} exclusively (a store's other
 * exclusive operations take {@link #geometry} itself); a region's data and states are touched only under the
 * region's lock, so no block is torn and a block's data and state change together.
 *
 * @param <R> the store's region type
 */
abstract sealed class RegionedBlockStore<R extends RegionTable.Region> implements BlockStore
        permits FileBlockStore, SparseMemoryBlockStore {

    private static final byte[] ZEROS = new byte[64 * 1024];

    private final int blockSize;
    /** The base-2 logarithm of the block length. */
    final int blockShift;
    /** The provisioning map, whose region locks also guard the store's data. */
    final RegionTable<R> table;
    /** Held shared by every operation and exclusively by {@link #resize} (and a store's own exclusive work). */
    final ReadWriteLock geometry = new ReentrantReadWriteLock();
    private volatile long capacity;

    /**
     * A store whose arguments the caller has checked.
     *
     * @param blockSize       the logical block length: a power of two
     * @param capacity        the number of logical blocks, at least one
     * @param blocksPerRegion the blocks of each region of the map
     * @param factory         makes the store's region objects
     */
    RegionedBlockStore(int blockSize, long capacity, int blocksPerRegion, Supplier<R> factory) {
        this.blockSize = blockSize;
        this.blockShift = Integer.numberOfTrailingZeros(blockSize);
        this.capacity = capacity;
        this.table = new RegionTable<>(blocksPerRegion, factory);
    }

    @Override
    public final int blockSize() {
        return blockSize;
    }

    @Override
    public final long capacity() {
        return capacity;
    }

    @Override
    public final void read(long lba, ByteBuffer destination) {
        geometry.readLock().lock();
        try {
            checkOpen();
            long blocks = BlockStore.checkTransfer(this, lba, destination.remaining());
            walk(lba, blocks, (index, first, from, to) -> {
                R region = table.lockExisting(index, false);
                if (region == null) {
                    putZeros(destination, (to - from) << blockShift);
                    return;
                }
                try {
                    for (int i = from; i < to; ) {
                        int runEnd = region.states.runEnd(i, to);
                        if (region.states.get(i) == ProvisioningState.MAPPED) {
                            readMapped(region, i, runEnd, first + (i - from), destination);
                        } else {
                            putZeros(destination, (runEnd - i) << blockShift);
                        }
                        i = runEnd;
                    }
                } finally {
                    region.lock.readLock().unlock();
                }
            });
        } finally {
            geometry.readLock().unlock();
        }
    }

    @Override
    public final void write(long lba, ByteBuffer source) {
        geometry.readLock().lock();
        try {
            checkOpen();
            long blocks = BlockStore.checkTransfer(this, lba, source.remaining());
            walk(lba, blocks, (index, first, from, to) -> {
                R region = table.lockForUpdate(index);
                try {
                    writeMapped(region, from, to, first, source);
                    region.states.set(from, to, ProvisioningState.MAPPED);
                    recordChange(ProvisioningState.MAPPED, first, to - from);
                } finally {
                    region.lock.writeLock().unlock();
                }
            });
            changesRecorded();
        } finally {
            geometry.readLock().unlock();
        }
    }

    @Override
    public final void deallocate(long lba, long blocks) {
        unmap(lba, blocks, ProvisioningState.DEALLOCATED);
    }

    @Override
    public final void anchor(long lba, long blocks) {
        unmap(lba, blocks, ProvisioningState.ANCHORED);
    }

    private void unmap(long lba, long blocks, ProvisioningState state) {
        geometry.readLock().lock();
        try {
            checkOpen();
            checkRange(lba, blocks);
            int perRegion = table.blocksPerRegion();
            table.update(lba, blocks, state, (index, region, from, to) -> {
                unmapped(region, from, to);
                recordChange(state, index * perRegion + from, to - from);
            }, (first, n) -> recordChange(state, first, n));
            changesRecorded();
        } finally {
            geometry.readLock().unlock();
        }
    }

    @Override
    public final ProvisioningRun provisioningStatus(long lba, long maxBlocks) {
        geometry.readLock().lock();
        try {
            checkOpen();
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

    /**
     * Changes the capacity: blocks cut off are deallocated (their map change recorded) before the store persists
     * the new capacity ({@link #persistCapacity}); blocks added are deallocated.
     */
    @Override
    public final void resize(long newCapacity) {
        checkNewCapacity(newCapacity);
        geometry.writeLock().lock();
        try {
            checkOpen();
            long old = capacity;
            if (newCapacity < old) {
                table.truncate(newCapacity, (index, region, from, to) -> unmapped(region, from, to));
                recordChange(ProvisioningState.DEALLOCATED, newCapacity, old - newCapacity);
            }
            persistCapacity(old, newCapacity);
            capacity = newCapacity;
            capacityChanged(newCapacity);
        } finally {
            geometry.writeLock().unlock();
        }
    }

    /**
     * Reads mapped blocks {@code from} to {@code to - 1} of a read-locked region, the first of them logical block
     * {@code lba}, into {@code destination}, advancing its position by their length.
     */
    abstract void readMapped(R region, int from, int to, long lba, ByteBuffer destination);

    /**
     * Stores blocks {@code from} to {@code to - 1} of a write-locked region, the first of them logical block
     * {@code lba}, from {@code source}, advancing its position by their length; the caller then marks them mapped.
     */
    abstract void writeMapped(R region, int from, int to, long lba, ByteBuffer source);

    /**
     * Called for blocks {@code from} to {@code to - 1} of a write-locked region just deallocated or anchored, to
     * make them read as zeros in the store's data (LBPRZ = 1). Does nothing unless a store overrides it.
     */
    void unmapped(R region, int from, int to) {
        // the map alone decides what unmapped blocks read
    }

    /**
     * Records that blocks {@code lba} to {@code lba + blocks - 1} went to {@code state}; called under the region's
     * lock (or the table's structure lock for whole regions), possibly concurrently. Does nothing unless a store
     * overrides it.
     */
    void recordChange(ProvisioningState state, long lba, long blocks) {
        // a volatile map records nothing
    }

    /** Called after a write or an unmap has recorded its changes, outside the region locks. */
    void changesRecorded() {
        // nothing pending
    }

    /** Throws {@link IllegalStateException} if the store is closed. Does nothing unless a store overrides it. */
    void checkOpen() {
        // always open
    }

    /** Checks the argument of {@link #resize} before any lock is taken. */
    abstract void checkNewCapacity(long newCapacity);

    /**
     * Makes a capacity change durable; called under the exclusive geometry lock after the blocks cut off were
     * deallocated, before {@link #capacity()} changes. Does nothing unless a store overrides it.
     */
    void persistCapacity(long oldCapacity, long newCapacity) {
        // nothing persists
    }

    /** Called under the exclusive geometry lock once {@link #capacity()} has changed. */
    void capacityChanged(long newCapacity) {
        // nothing to trim
    }

    /** Checks a range of blocks to deallocate or anchor against the medium. */
    private void checkRange(long lba, long blocks) {
        long capacity = this.capacity;
        if (blocks < 0 || lba < 0 || lba > capacity - blocks) {
            throw new IndexOutOfBoundsException("blocks " + lba + "+" + blocks + " outside a medium of " + capacity
                    + " blocks");
        }
    }

    /** One region's piece of a range: blocks {@code from} to {@code to - 1} of region {@code index}. */
    @FunctionalInterface
    private interface Piece {
        void visit(long index, long lba, int from, int to);
    }

    /** Visits blocks {@code lba} to {@code lba + blocks - 1} region by region, in ascending order. */
    private void walk(long lba, long blocks, Piece piece) {
        int perRegion = table.blocksPerRegion();
        long end = lba + blocks;
        for (long block = lba; block < end; ) {
            long index = block / perRegion;
            long start = index * perRegion;
            int from = (int) (block - start);
            int to = (int) (Math.min(end, start + perRegion) - start);
            piece.visit(index, block, from, to);
            block = start + to;
        }
    }

    /** Puts {@code n} zero bytes into {@code destination}. */
    static void putZeros(ByteBuffer destination, int n) {
        while (n > 0) {
            int k = Math.min(n, ZEROS.length);
            destination.put(ZEROS, 0, k);
            n -= k;
        }
    }
}
