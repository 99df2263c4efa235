package io.github.scsiemu.sbc;

import java.util.Map;
import java.util.TreeMap;

/**
 * A set of region indexes kept as disjoint, coalesced runs {@code [start, end)}: the regions of a provisioning map
 * that are wholly anchored (SBC-4 4.7.1) without a per-region bitmap, so anchoring a huge range costs one run. Not
 * thread-safe: {@link RegionTable} guards it.
 */
final class RegionRuns {

    /** Run start to run end (exclusive). */
    private final TreeMap<Long, Long> runs = new TreeMap<>();

    /** Whether {@code index} is in a run. */
    boolean contains(long index) {
        Map.Entry<Long, Long> e = runs.floorEntry(index);
        return e != null && index < e.getValue();
    }

    /** The end (exclusive) of the run holding {@code index}, which must be in one. */
    long runEnd(long index) {
        return runs.floorEntry(index).getValue();
    }

    /** The start of the first run after {@code index}, or {@link Long#MAX_VALUE} if there is none. */
    long nextStart(long index) {
        Long next = runs.higherKey(index);
        return next == null ? Long.MAX_VALUE : next;
    }

    /** Adds indexes {@code start} to {@code end - 1}. */
    void add(long start, long end) {
        if (start >= end) {
            return;
        }
        Map.Entry<Long, Long> before = runs.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        Map.Entry<Long, Long> after = runs.floorEntry(end);
        if (after != null && after.getValue() > end) {
            end = after.getValue();
        }
        runs.subMap(start, true, end, true).clear();
        runs.put(start, end);
    }

    /** Removes indexes {@code start} to {@code end - 1}. */
    void remove(long start, long end) {
        if (start >= end) {
            return;
        }
        Map.Entry<Long, Long> before = runs.lowerEntry(start);
        if (before != null && before.getValue() > start) {
            runs.put(before.getKey(), start);
            if (before.getValue() > end) {
                runs.put(end, before.getValue());
            }
        }
        Map.Entry<Long, Long> last = runs.lowerEntry(end);
        if (last != null && last.getKey() >= start && last.getValue() > end) {
            runs.put(end, last.getValue());
        }
        runs.subMap(start, true, end, false).clear();
    }

    /** The number of runs. */
    int size() {
        return runs.size();
    }
}
