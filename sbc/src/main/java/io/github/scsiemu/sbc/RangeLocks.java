package io.github.scsiemu.sbc;

import java.util.ArrayList;
import java.util.List;

/**
 * Locks on ranges of logical blocks: commands that read take a shared lock on their range, commands that change
 * blocks take an exclusive one. Disjoint ranges never wait for each other; overlapping ones are ordered, which is
 * what makes COMPARE AND WRITE and WRITE ATOMIC atomic with respect to every other command (SBC-4 4.29, 5.3).
 */
final class RangeLocks {

    private record Held(long lba, long blocks, boolean exclusive) {
        boolean conflictsWith(long otherLba, long otherBlocks, boolean otherExclusive) {
            if (!exclusive && !otherExclusive) {
                return false;
            }
            return lba < otherLba + otherBlocks && otherLba < lba + blocks;
        }
    }

    private final List<Held> held = new ArrayList<>();

    /** Waits until the range can be locked, then locks it. */
    Medium.Lock acquire(long lba, long blocks, boolean exclusive) {
        long n = Math.max(1, blocks);
        Held mine = new Held(lba, n, exclusive);
        synchronized (this) {
            boolean interrupted = false;
            while (conflicts(mine)) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            held.add(mine);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return () -> release(mine);
    }

    private boolean conflicts(Held mine) {
        for (Held h : held) {
            if (h.conflictsWith(mine.lba, mine.blocks, mine.exclusive)) {
                return true;
            }
        }
        return false;
    }

    private synchronized void release(Held mine) {
        for (int i = 0; i < held.size(); i++) {
            if (held.get(i) == mine) {
                held.remove(i);
                break;
            }
        }
        notifyAll();
    }
}
