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
 * The provisioning map of a block store (SBC-4 4.7.1) cut into regions of a fixed number of logical blocks. A region
 * object, with its bitmaps, exists only while its blocks are not all in one state; an absent region is wholly
 * anchored if its index lies in the table's anchored runs ({@link RegionRuns}), else wholly deallocated. Anchoring a
 * huge range therefore costs one run, whatever its size, and only the regions at its ends get bitmaps. Each region
 * has a read-write lock that guards its states and whatever the store keeps with them (its data), so a block's data
 * and state change together and no block is torn.
 *
 * <p>Structural changes (adding or removing a region object, changing the anchored runs) happen under the table's
 * structure lock; a region is removed when it becomes wholly deallocated outside the runs, or wholly anchored inside
 * them. A removed region is marked retired under its write lock, and a thread that locks a retired region looks it
 * up again. A region created inside an anchored run starts wholly anchored and takes its index out of the run. Lock
 * order: a region's lock, then the structure lock.
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

    /**
     * What a store does when whole regions, blocks {@code lba} to {@code lba + blocks - 1}, change state without a
     * region object (for instance, log the change). Called under the structure lock, before the region objects in the
     * span are updated.
     */
    @FunctionalInterface
    interface SpanAction {
        void apply(long lba, long blocks);
    }

    /** The state of an absent region, and the index of the first region after it that may differ. */
    private record Absent(ProvisioningState state, long end) {
    }

    private final ConcurrentMap<Long, R> regions = new ConcurrentHashMap<>();
    private final RegionRuns anchored = new RegionRuns();
    private final ReadWriteLock structure = new ReentrantReadWriteLock();
    private final int blocksPerRegion;
    private final Supplier<R> factory;

    RegionTable(int blocksPerRegion, Supplier<R> factory) {
        this.blocksPerRegion = blocksPerRegion;
        this.factory = factory;
    }

    int blocksPerRegion() {
        return blocksPerRegion;
    }

    /** The regions that have a region object now. */
    Collection<R> regions() {
        return regions.values();
    }

    /** The number of anchored runs (for tests of the table's memory use). */
    int anchoredRuns() {
        structure.readLock().lock();
        try {
            return anchored.size();
        } finally {
            structure.readLock().unlock();
        }
    }

    /**
     * The region object at {@code index}, read- or write-locked, or null if there is none (the region is wholly
     * deallocated or wholly anchored, and reads as zeros either way).
     */
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

    /** The region at {@code index}, created if need be (wholly anchored inside an anchored run), write-locked. */
    R lockForUpdate(long index) {
        for (;;) {
            R region = regions.get(index);
            if (region == null) {
                structure.writeLock().lock();
                try {
                    region = regions.get(index);
                    if (region == null) {
                        region = factory.get();
                        if (anchored.contains(index)) {
                            region.states.set(0, blocksPerRegion, ProvisioningState.ANCHORED);
                            anchored.remove(index, index + 1);
                        }
                        regions.put(index, region);
                    }
                } finally {
                    structure.writeLock().unlock();
                }
            }
            region.lock.writeLock().lock();
            if (!region.retired) {
                return region;
            }
            region.lock.writeLock().unlock();
        }
    }

    /** {@link #update(long, long, ProvisioningState, PieceAction, SpanAction)} with nothing to do for spans. */
    void update(long lba, long blocks, ProvisioningState state, PieceAction<? super R> action) {
        update(lba, blocks, state, action, (first, n) -> { });
    }

    /**
     * Puts blocks {@code lba} to {@code lba + blocks - 1} in {@code state} (deallocated or anchored). The regions
     * wholly inside the range change at once: they join or leave the anchored runs ({@code span} is told, under the
     * structure lock), and the region objects among them are updated one at a time under their write locks and
     * dropped. The regions at the ends of the range are updated piece by piece. {@code action} is called for each
     * piece of a region object after its states changed and before the region is dropped. Only region objects that
     * exist are visited, so the cost does not grow with the size of the range on a sparse map.
     */
    void update(long lba, long blocks, ProvisioningState state, PieceAction<? super R> action, SpanAction span) {
        if (blocks == 0) {
            return;
        }
        long end = lba + blocks;
        long first = lba / blocksPerRegion;
        long last = (end - 1) / blocksPerRegion;
        if (state == ProvisioningState.MAPPED) { // replaying a log: mapped blocks need region objects
            for (long index = first; index <= last; index++) {
                updatePiece(index, lba, blocks, state, action, true);
            }
            return;
        }
        long firstWhole = (lba + blocksPerRegion - 1) / blocksPerRegion;
        long endWhole = end / blocksPerRegion; // regions firstWhole to endWhole - 1 lie wholly in the range
        if (firstWhole < endWhole) {
            structure.writeLock().lock();
            try {
                if (state == ProvisioningState.ANCHORED) {
                    anchored.add(firstWhole, endWhole);
                } else {
                    anchored.remove(firstWhole, endWhole);
                }
                span.apply(firstWhole * blocksPerRegion, (endWhole - firstWhole) * blocksPerRegion);
            } finally {
                structure.writeLock().unlock();
            }
            for (long index : present(firstWhole, endWhole - 1)) {
                updatePiece(index, lba, blocks, state, action, false);
            }
        }
        if (first < firstWhole) {
            updatePiece(first, lba, blocks, state, action, true);
        }
        if (endWhole <= last && (last != first || first >= firstWhole)) {
            updatePiece(last, lba, blocks, state, action, true);
        }
    }

    /** The indexes from {@code from} to {@code to} that have a region object, ascending. */
    private List<Long> present(long from, long to) {
        List<Long> present = new ArrayList<>();
        if (to - from < regions.size()) {
            for (long index = from; index <= to; index++) {
                if (regions.containsKey(index)) {
                    present.add(index);
                }
            }
        } else {
            for (Long index : regions.keySet()) {
                if (index >= from && index <= to) {
                    present.add(index);
                }
            }
            present.sort(null);
        }
        return present;
    }

    /**
     * Updates one region's piece of the range. An end piece ({@code create}) of a region without an object gets one
     * if its state differs from the new one; a whole region is updated only if it has an object.
     */
    private void updatePiece(long index, long lba, long blocks, ProvisioningState state,
            PieceAction<? super R> action, boolean create) {
        long start = index * blocksPerRegion;
        int from = (int) (Math.max(lba, start) - start);
        int to = (int) (Math.min(lba + blocks, start + blocksPerRegion) - start);
        R region;
        for (;;) {
            region = lockExisting(index, true);
            if (region != null) {
                break;
            }
            Absent absent = absent(index, index);
            if (absent == null) {
                continue; // created meanwhile
            }
            if (!create || absent.state() == state) {
                return; // already in that state
            }
            region = lockForUpdate(index);
            break;
        }
        try {
            region.states.set(from, to, state);
            action.apply(index, region, from, to);
            dropIfUniform(index, region);
        } finally {
            region.lock.writeLock().unlock();
        }
    }

    /**
     * Drops a write-locked region whose blocks are all deallocated (outside the anchored runs) or all anchored (it
     * joins them).
     */
    private void dropIfUniform(long index, R region) {
        boolean deallocated = region.states.allDeallocated();
        boolean allAnchored = !deallocated && region.states.allAnchored(blocksPerRegion);
        if (!deallocated && !allAnchored) {
            return;
        }
        structure.writeLock().lock();
        try {
            boolean inRun = anchored.contains(index);
            if (allAnchored && !inRun) {
                anchored.add(index, index + 1);
            } else if (inRun != allAnchored) {
                return; // wholly deallocated inside a run being anchored: keep the object until it is updated
            }
            region.retired = true;
            regions.remove(index, region);
        } finally {
            structure.writeLock().unlock();
        }
    }

    /**
     * The state of the region at {@code index} if it has no object, and where that state may end (a region object
     * or a run boundary), looking no further than {@code lastIndex}; null if it has an object now.
     */
    private Absent absent(long index, long lastIndex) {
        structure.readLock().lock();
        try {
            if (regions.containsKey(index)) {
                return null;
            }
            long end = nextPresent(index + 1, lastIndex);
            if (anchored.contains(index)) {
                return new Absent(ProvisioningState.ANCHORED, Math.min(end, anchored.runEnd(index)));
            }
            return new Absent(ProvisioningState.DEALLOCATED, Math.min(end, anchored.nextStart(index)));
        } finally {
            structure.readLock().unlock();
        }
    }

    /**
     * The run of blocks from {@code lba} sharing its state, ending at {@code limit} at the latest. A run may span
     * regions; regions without objects are skipped together, in time proportional to the regions that exist at
     * most.
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
                Absent absent = absent(index, (limit - 1) / blocksPerRegion);
                if (absent == null) {
                    continue; // created meanwhile: look again
                }
                if (state != null && state != absent.state()) {
                    break;
                }
                state = absent.state();
                end = Math.min(limit, absent.end() * blocksPerRegion);
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
     * The first region index from {@code from} to {@code to} that may have an object, or {@code to + 1} if none
     * does: on a sparse map it looks at the regions that exist rather than at every index.
     */
    private long nextPresent(long from, long to) {
        if (to - from < regions.size()) {
            for (long index = from; index <= to; index++) {
                if (regions.containsKey(index)) {
                    return index;
                }
            }
            return to + 1;
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
     * Deallocates every block from {@code newCapacity} on: drops the regions and anchored runs past it and calls
     * {@code action} for the cut part of the last region kept. The caller excludes all other access.
     */
    void truncate(long newCapacity, PieceAction<? super R> action) {
        long lastKept = (newCapacity - 1) / blocksPerRegion;
        regions.keySet().removeIf(index -> index > lastKept);
        structure.writeLock().lock();
        try {
            anchored.remove(lastKept + 1, Long.MAX_VALUE);
        } finally {
            structure.writeLock().unlock();
        }
        long end = (lastKept + 1) * blocksPerRegion;
        update(newCapacity, end - newCapacity, ProvisioningState.DEALLOCATED, action);
    }
}
