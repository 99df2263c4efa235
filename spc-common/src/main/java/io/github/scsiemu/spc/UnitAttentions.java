package io.github.scsiemu.spc;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The unit attention conditions a logical unit holds for each I_T nexus (SAM-5 5.14, SPC-4 5.14 and 4.5.5):
 * queued in the order they were established, each reported once. A nexus the logical unit has not seen before
 * starts with POWER ON, RESET, OR BUS DEVICE RESET OCCURRED (29h/00h), because power-on established that condition
 * for every nexus, unless the logical unit reports no power-on condition (see {@link #UnitAttentions(boolean)}). The
 * same condition is never queued twice for one nexus.
 */
public final class UnitAttentions {

    private final Map<Nexus, Deque<SenseData>> queues = new ConcurrentHashMap<>();
    private final boolean powerOnCondition;

    /** Unit attentions of a logical unit that has just powered on: every new nexus starts with 29h/00h. */
    public UnitAttentions() {
        this(true);
    }

    /**
     * Unit attentions whose new nexuses start with the power-on condition (29h/00h) or, for a logical unit that
     * reports none (such as the stand-in a target answers an absent LUN with, SPC-4 4.3), with an empty queue.
     *
     * @param powerOnCondition whether the queue of a nexus not seen before starts with 29h/00h
     */
    public UnitAttentions(boolean powerOnCondition) {
        this.powerOnCondition = powerOnCondition;
    }

    private Deque<SenseData> queue(Nexus nexus) {
        return queues.computeIfAbsent(nexus, n -> {
            Deque<SenseData> q = new ArrayDeque<>();
            if (powerOnCondition) {
                q.add(SenseData.unitAttention(AdditionalSense.POWER_ON_RESET_OR_BUS_DEVICE_RESET_OCCURRED));
            }
            return q;
        });
    }

    /** Establishes a unit attention condition for one nexus. */
    public void establish(Nexus nexus, AdditionalSense condition) {
        Deque<SenseData> q = queue(nexus);
        synchronized (q) {
            for (SenseData s : q) {
                if (s.additionalSense().equals(condition)) {
                    return;
                }
            }
            q.add(SenseData.unitAttention(condition));
        }
    }

    /** Establishes a condition for every nexus the logical unit knows. */
    public void establishForAll(AdditionalSense condition) {
        for (Nexus n : queues.keySet()) {
            establish(n, condition);
        }
    }

    /** Establishes a condition for every known nexus except {@code origin} (SPC-4: "other I_T nexuses"). */
    public void establishForAllExcept(Nexus origin, AdditionalSense condition) {
        for (Nexus n : queues.keySet()) {
            if (!n.equals(origin)) {
                establish(n, condition);
            }
        }
    }

    /**
     * Replaces every pending condition of {@code nexus} with {@code condition}: a reset reported to a nexus
     * supersedes what was pending before it (SAM-5 6.3).
     */
    public void resetTo(Nexus nexus, AdditionalSense condition) {
        Deque<SenseData> q = queue(nexus);
        synchronized (q) {
            q.clear();
            q.add(SenseData.unitAttention(condition));
        }
    }

    /** {@link #resetTo} for every known nexus. */
    public void resetAllTo(AdditionalSense condition) {
        for (Nexus n : queues.keySet()) {
            resetTo(n, condition);
        }
    }

    /** Removes and returns the oldest pending condition of {@code nexus}. */
    public Optional<SenseData> poll(Nexus nexus) {
        Deque<SenseData> q = queue(nexus);
        synchronized (q) {
            return Optional.ofNullable(q.poll());
        }
    }

    /** The oldest pending condition of {@code nexus}, left pending. */
    public Optional<SenseData> peek(Nexus nexus) {
        Deque<SenseData> q = queue(nexus);
        synchronized (q) {
            return Optional.ofNullable(q.peek());
        }
    }

    /** Whether {@code nexus} has a pending condition. */
    public boolean hasPending(Nexus nexus) {
        Deque<SenseData> q = queue(nexus);
        synchronized (q) {
            return !q.isEmpty();
        }
    }

    /**
     * Clears one pending condition of {@code nexus}, if queued (e.g. REPORT LUNS clears REPORTED LUNS DATA HAS
     * CHANGED).
     */
    public void clear(Nexus nexus, AdditionalSense condition) {
        Deque<SenseData> q = queue(nexus);
        synchronized (q) {
            q.removeIf(s -> s.additionalSense().equals(condition));
        }
    }

    /** Forgets a nexus: after an I_T nexus loss it starts afresh when it returns. */
    public void forget(Nexus nexus) {
        queues.remove(nexus);
    }

    /** Marks the nexus as known without establishing anything beyond the power-on condition, if any. */
    public void touch(Nexus nexus) {
        queue(nexus);
    }
}
