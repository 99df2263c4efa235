package io.github.scsiemu.spc.alua;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A {@link TransitionScheduler} whose time moves only when {@link #advance} is called: the actions that fall due run
 * on the caller's thread, in deadline order (ties in scheduling order), before {@code advance} returns. For tests and
 * for scripted failover: "begin a transition, advance ten seconds, expect the new state and the unit attention".
 */
public final class ManualTransitionScheduler implements TransitionScheduler {

    private record Entry(Duration due, long sequence, Runnable action, boolean[] cancelled) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> {
        int c = a.due().compareTo(b.due());
        return c != 0 ? c : Long.compare(a.sequence(), b.sequence());
    });
    private Duration now = Duration.ZERO;
    private long sequence;

    /** How much time has passed since the scheduler was made. */
    public synchronized Duration now() {
        return now;
    }

    /** The number of actions scheduled and neither run nor cancelled. */
    public synchronized int pending() {
        int n = 0;
        for (Entry e : queue) {
            if (!e.cancelled()[0]) {
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable action) {
        Objects.requireNonNull(action, "action");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        boolean[] cancelled = {false};
        queue.add(new Entry(now.plus(delay), sequence++, action, cancelled));
        return () -> {
            synchronized (ManualTransitionScheduler.this) {
                cancelled[0] = true;
            }
        };
    }

    /** Moves time forward by {@code amount} and runs, in order, every action that falls due. */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("time does not go backwards");
        }
        Duration target;
        synchronized (this) {
            target = now.plus(amount);
        }
        while (true) {
            Runnable run = null;
            synchronized (this) {
                Entry head = queue.peek();
                if (head == null || head.due().compareTo(target) > 0) {
                    now = target;
                    return;
                }
                queue.poll();
                now = head.due();
                if (!head.cancelled()[0]) {
                    run = head.action();
                }
            }
            if (run != null) {
                run.run();
            }
        }
    }

    /** The deadlines, relative to the start, of the actions still pending, ascending (for diagnostics). */
    public synchronized List<Duration> deadlines() {
        List<Duration> list = new ArrayList<>();
        queue.stream().filter(e -> !e.cancelled()[0]).sorted((a, b) -> a.due().compareTo(b.due()))
                .forEach(e -> list.add(e.due()));
        return list;
    }
}
