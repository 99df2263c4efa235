package io.github.scsiemu.sbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The provisioning map of a block store (SBC-4 4.7.1) cut into regions of a fixed number of logical blocks. A
 * region exists only while one of its blocks is mapped or anchored; an absent region is all deallocated. Each
 * region has a read-write lock that guards its states and whatever the store keeps with them (its data), so a
 * block's data and state change together and no block is torn.
 *
 * <p>A region is removed when its last block becomes deallocated; it is marked retired under its write lock, and a
 * thread that locks a retired region looks it up again.
 *
 * @param <R> the store's region type
 */
final class RegionTable<R extends RegionTable.Region> {

    /** One region: its lock and the states of its blocks. */
    static class Region {
        final ReadWriteLock lock = new ReentrantReadWriteLock();
        final BlockStates states = new BlockStates();
        boolean retired;
    }

    /** What a store does to the blocks {@code from} to {@code to - 1} of a region whose states it just changed. */
    @FunctionalInterface
    interface PieceAction<R> {
        void apply(long index, R region, int from, int to);
    }

    private final ConcurrentMap<Long, R> regions = new ConcurrentHashMap<>();
    private final int blocksPerRegion;
    private final Supplier<R> factory;

    RegionTable(int blocksPerRegion, Supplier<R> factory) {
        this.blocksPerRegion = blocksPerRegion;
        this.factory = factory;
    }

    int blocksPerRegion() {
        return blocksPerRegion;
    }

    /** The regions that exist now. */
    Collection<R> regions() {
        return regions.values();
    }

    /** The region at {@code index}, read- or write-locked, or null if it does not exist (all deallocated). */
    R lockExisting(long index, boolean exclusive) {
        for (;;) {
            R region = regions.get(index);
            if (region == null) {
                return null;
            }
            Lock lock = exclusive ? region.lock.writeLock() : region.lock.readLock();
            lock.lock();
            if (!region.retired) {
                return region;
            }
            lock.unlock();
        }
    }

    /** The region at {@code index}, created if need be, write-locked. */
    R lockForUpdate(long index) {
        for (;;) {
            R region = regions.computeIfAbsent(index, k -> factory.get());
            region.lock.writeLock().lock();
            if (!region.retired) {
                return region;
            }
            region.lock.writeLock().unlock();
        }
    }

    /**
     * Puts blocks {@code lba} to {@code lba + blocks - 1} in {@code state}, one region at a time under its write
     * lock, calling {@code action} for each piece after its states changed and before the region is removed if it
     * became all deallocated. Deallocating visits only regions that exist, so it costs nothing on a sparse map.
     */
    void update(long lba, long blocks, ProvisioningState state, PieceAction<? super R> action) {
        if (blocks == 0) {
            return;
        }
        long first = lba / blocksPerRegion;
        long last = (lba + blocks - 1) / blocksPerRegion;
        boolean deallocate = state == ProvisioningState.DEALLOCATED;
        if (deallocate && last - first >= regions.size()) {
            List<Long> present = new ArrayList<>();
            for (Long index : regions.keySet()) {
                if (index >= first && index <= last) {
                    present.add(index);
                }
            }
            present.sort(null);
            for (long index : present) {
                updatePiece(index, lba, blocks, state, action);
            }
        } else {
            for (long index = first; index <= last; index++) {
                updatePiece(index, lba, blocks, state, action);
            }
        }
    }

    private void updatePiece(long index, long lba, long blocks, ProvisioningState state,
            PieceAction<? super R> action) {
        long start = index * blocksPerRegion;
        int from = (int) (Math.max(lba, start) - start);
        int to = (int) (Math.min(lba + blocks, start + blocksPerRegion) - start);
        R region = state == ProvisioningState.DEALLOCATED ? lockExisting(index, true) : lockForUpdate(index);
        if (region == null) {
            return; // all deallocated already
        }
        try {
            region.states.set(from, to, state);
            action.apply(index, region, from, to);
            if (region.states.allDeallocated()) {
                region.retired = true;
                regions.remove(index, region);
            }
        } finally {
            region.lock.writeLock().unlock();
        }
    }

    /**
     * The run of blocks from {@code lba} sharing its state, ending at {@code limit} at the latest. A run may span
     * regions; absent regions are skipped together, in time proportional to the regions that exist at most.
     */
    ProvisioningRun status(long lba, long limit) {
        ProvisioningState state = null;
        long end = lba;
        while (end < limit) {
            long index = end / blocksPerRegion;
            long start = index * blocksPerRegion;
            int regionLimit = (int) (Math.min(limit, start + blocksPerRegion) - start);
            R region = lockExisting(index, false);
            if (region == null) {
                if (state != null && state != ProvisioningState.DEALLOCATED) {
                    break;
                }
                state = ProvisioningState.DEALLOCATED;
                end = Math.min(limit, nextPresent(index + 1, (limit - 1) / blocksPerRegion) * blocksPerRegion);
                continue;
            }
            int runEnd;
            try {
                int from = (int) (end - start);
                ProvisioningState here = region.states.get(from);
                if (state != null && here != state) {
                    break;
                }
                state = here;
                runEnd = region.states.runEnd(from, regionLimit);
            } finally {
                region.lock.readLock().unlock();
            }
            end = start + runEnd;
            if (runEnd < regionLimit) {
                break;
            }
        }
        return new ProvisioningRun(lba, end - lba, state);
    }

    /**
     * The first region index from {@code from} to {@code to} that may exist, or {@code to + 1} if none does: on a
     * sparse map it looks at the regions that exist rather than at every index.
     */
    private long nextPresent(long from, long to) {
        if (to - from < regions.size()) {
            return from;
        }
        long next = to + 1;
        for (Long index : regions.keySet()) {
            if (index >= from && index < next) {
                next = index;
            }
        }
        return next;
    }

    /**
     * Deallocates every block from {@code newCapacity} on: drops the regions past it and calls {@code action} for
     * the cut part of the last region kept. The caller excludes all other access.
     */
    void truncate(long newCapacity, PieceAction<? super R> action) {
        long lastKept = (newCapacity - 1) / blocksPerRegion;
        regions.keySet().removeIf(index -> index > lastKept);
        long end = (lastKept + 1) * blocksPerRegion;
        update(newCapacity, end - newCapacity, ProvisioningState.DEALLOCATED, action);
    }
}
