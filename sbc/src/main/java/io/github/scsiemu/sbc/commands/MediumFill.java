package io.github.scsiemu.sbc.commands;

import io.github.scsiemu.sbc.Medium;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The work of FORMAT UNIT and SANITIZE on every logical block, cut into at most {@value #MAXIMUM_STEPS} steps of
 * equal size (the last may be shorter) so that the progress indication advances by whole steps: deallocating every
 * block (cheap on a thin store) or writing a pattern to every block (costly: it writes the whole capacity, so a
 * store allocates it all; {@link Medium#writeSame} bounds the memory it takes). The last step also makes
 * everything durable (the write cache holds nothing afterwards).
 */
final class MediumFill {

    /** The largest number of steps an operation is cut into. */
    static final int MAXIMUM_STEPS = 64;

    private MediumFill() {
    }

    /** Steps that deallocate every block (they then read as zeros). */
    static List<Runnable> deallocateAll(Medium medium) {
        return steps(medium, (lba, blocks) -> medium.deallocate(lba, blocks));
    }

    /**
     * Steps that write {@code pattern}, repeated to fill each logical block, to every block.
     *
     * @param medium  the medium
     * @param pattern one to block-length bytes
     */
    static List<Runnable> writeAll(Medium medium, byte[] pattern) {
        int blockSize = medium.blockSize();
        byte[] block = new byte[blockSize];
        for (int i = 0; i < blockSize; i++) {
            block[i] = pattern[i % pattern.length];
        }
        return steps(medium, (lba, blocks) -> medium.writeSame(lba, blocks, ByteBuffer.wrap(block), false));
    }

    private interface RangeAction {
        void apply(long lba, long blocks);
    }

    private static List<Runnable> steps(Medium medium, RangeAction action) {
        long capacity = medium.capacity();
        long stepBlocks = (capacity + MAXIMUM_STEPS - 1) / MAXIMUM_STEPS;
        List<Runnable> steps = new ArrayList<>();
        for (long lba = 0; lba < capacity; lba += stepBlocks) {
            long first = lba;
            long blocks = Math.min(stepBlocks, capacity - lba);
            boolean last = lba + blocks >= capacity;
            steps.add(() -> {
                try (Medium.Lock lock = medium.lockExclusive(first, blocks)) {
                    action.apply(first, blocks);
                }
                if (last) {
                    medium.synchronize(0, capacity);
                }
            });
        }
        return steps;
    }
}
