package io.github.scsiemu.sbc;

import java.util.BitSet;

/**
 * The provisioning states (SBC-4 4.7.1) of a fixed region of logical blocks, indexed from zero within the region:
 * two bitmaps, one for mapped and one for anchored blocks; a block in neither is deallocated. Not thread-safe: the
 * owning store guards each region with its lock.
 */
final class BlockStates {

    private final BitSet mapped = new BitSet();
    private final BitSet anchored = new BitSet();

    /** The state of block {@code i}. */
    ProvisioningState get(int i) {
        if (mapped.get(i)) {
            return ProvisioningState.MAPPED;
        }
        return anchored.get(i) ? ProvisioningState.ANCHORED : ProvisioningState.DEALLOCATED;
    }

    /** Puts blocks {@code from} to {@code to - 1} in {@code state}. */
    void set(int from, int to, ProvisioningState state) {
        mapped.set(from, to, state == ProvisioningState.MAPPED);
        anchored.set(from, to, state == ProvisioningState.ANCHORED);
    }

    /** Whether any block is mapped. */
    boolean anyMapped() {
        return !mapped.isEmpty();
    }

    /** Whether every block is deallocated. */
    boolean allDeallocated() {
        return mapped.isEmpty() && anchored.isEmpty();
    }

    /** Whether blocks 0 to {@code count - 1} are all anchored. */
    boolean allAnchored(int count) {
        return mapped.isEmpty() && anchored.nextClearBit(0) >= count;
    }

    /**
     * Where the run of blocks sharing block {@code from}'s state ends: the first block at or after {@code from}
     * in another state, or {@code limit} if there is none before it.
     */
    int runEnd(int from, int limit) {
        int end = switch (get(from)) {
            case MAPPED -> mapped.nextClearBit(from);
            case ANCHORED -> anchored.nextClearBit(from);
            case DEALLOCATED -> firstSet(mapped.nextSetBit(from), anchored.nextSetBit(from));
        };
        return end < 0 ? limit : Math.min(end, limit);
    }

    private static int firstSet(int a, int b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    /** The mapped bitmap's bytes (little-endian, as {@link BitSet#toByteArray()}), for persistence. */
    byte[] mappedBits() {
        return mapped.toByteArray();
    }

    /** The anchored bitmap's bytes, for persistence. */
    byte[] anchoredBits() {
        return anchored.toByteArray();
    }

    /** Regions restored from persisted bitmaps; a block set in both is mapped. */
    static BlockStates of(byte[] mappedBits, byte[] anchoredBits) {
        BlockStates s = new BlockStates();
        s.mapped.or(BitSet.valueOf(mappedBits));
        s.anchored.or(BitSet.valueOf(anchoredBits));
        s.anchored.andNot(s.mapped);
        return s;
    }
}
