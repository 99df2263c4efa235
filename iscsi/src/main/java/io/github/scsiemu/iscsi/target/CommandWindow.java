package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.iscsi.pdu.SerialNumbers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The session's command numbering (RFC 7143 4.2.2.1 and 3.2.2.1): ExpCmdSN and MaxCmdSN, delivery of
 * non-immediate commands in CmdSN order, silent discard of commands outside [ExpCmdSN, MaxCmdSN], and a window that
 * shrinks while SCSI tasks are outstanding and never moves MaxCmdSN backwards. Thread-safe; callbacks run outside
 * the lock.
 */
final class CommandWindow {
    private final int depth;
    private final Map<Integer, Runnable> waiting = new HashMap<>();
    private int expCmdSn;
    private int maxCmdSn;
    private int activeTasks;

    CommandWindow(int initialCmdSn, int depth) {
        this.depth = depth;
        this.expCmdSn = initialCmdSn;
        this.maxCmdSn = initialCmdSn + depth - 1;
    }

    synchronized int expCmdSn() {
        return expCmdSn;
    }

    synchronized int maxCmdSn() {
        return maxCmdSn;
    }

    /**
     * Accepts a command: an immediate one is delivered at once; a non-immediate one inside the window is delivered
     * once every earlier CmdSN has been; one outside the window is refused.
     *
     * @param cmdSn     the command's CmdSN
     * @param immediate the I bit
     * @param scsiTask  whether the command is a SCSI task that occupies the window until {@link #taskEnded()}
     * @param deliver   what to do when the command is delivered
     * @return false if the command was outside the window and must be discarded
     */
    boolean accept(int cmdSn, boolean immediate, boolean scsiTask, Runnable deliver) {
        List<Runnable> ready = new ArrayList<>();
        synchronized (this) {
            if (immediate) {
                ready.add(deliver);
            } else {
                if (!SerialNumbers.inWindow(cmdSn, expCmdSn, maxCmdSn) || waiting.containsKey(cmdSn)) {
                    return false;
                }
                waiting.put(cmdSn, deliver);
                Runnable next;
                while ((next = waiting.remove(expCmdSn)) != null) {
                    ready.add(next);
                    expCmdSn++;
                }
            }
            if (scsiTask) {
                activeTasks++;
            }
            updateMax();
        }
        ready.forEach(Runnable::run);
        return true;
    }

    /** A SCSI task ended: the window opens by one. */
    synchronized void taskEnded() {
        activeTasks--;
        updateMax();
    }

    private void updateMax() {
        int candidate = expCmdSn + Math.max(0, depth - activeTasks) - 1;
        if (SerialNumbers.lessThan(maxCmdSn, candidate)) {
            maxCmdSn = candidate;
        }
    }
}
