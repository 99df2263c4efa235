package io.github.scsiemu.spc;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import io.github.scsiemu.api.TaskAttribute;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The task set of a logical unit (SAM-5 8; one task set shared by every I_T nexus, TST=000b, SPC-4 7.5.8): the
 * tasks that have entered and not yet left, keyed by I_T_L_Q nexus and ordered by arrival. It detects overlapped
 * commands (a tag reused while its task is still in the task set, SAM-5 5.10), lets task management find and abort
 * tasks, and orders tasks by their task attributes (SAM-5 8.6):
 * <ul>
 * <li>a SIMPLE task is enabled once every older HEAD OF QUEUE and ORDERED task has left the task set;</li>
 * <li>an ORDERED task is enabled once every older task has left;</li>
 * <li>a HEAD OF QUEUE task is enabled at once, ahead of every dormant task; a later SIMPLE or ORDERED task waits
 * for it.</li>
 * </ul>
 * Enabled tasks are processed concurrently. A task that has become enabled stays enabled, because only newer tasks
 * can arrive. A dormant task waits on a condition of the task set's lock and wakes when a task leaves or when it is
 * aborted; an aborted task never waits.
 */
public final class TaskSet {

    private record Key(Nexus nexus, long tag) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<Key, Task> byTag = new HashMap<>();
    /** Every task in the task set, by arrival. */
    private final NavigableMap<Long, Task> byAge = new TreeMap<>();
    /** The arrival numbers of the ORDERED and HEAD OF QUEUE tasks, which newer SIMPLE tasks wait for. */
    private final NavigableSet<Long> barriers = new TreeSet<>();
    private long arrivals;
    private int waiters;

    /**
     * Enters a task, enabled if its attribute lets it start at once and dormant otherwise, or returns {@code null}
     * if its tag is already in use by a task of the same nexus (an overlapped command).
     */
    Task enter(ScsiRequest request) {
        lock.lock();
        try {
            Key key = new Key(request.nexus(), request.tag());
            if (byTag.containsKey(key)) {
                return null;
            }
            Task task = new Task(this, request.nexus(), request.tag(), request.taskAttribute(), arrivals++);
            byTag.put(key, task);
            byAge.put(task.sequence(), task);
            if (isBarrier(task.attribute())) {
                barriers.add(task.sequence());
            }
            if (mayStart(task)) {
                task.state(Task.State.ENABLED);
            }
            return task;
        } finally {
            lock.unlock();
        }
    }

    private static boolean isBarrier(TaskAttribute attribute) {
        return attribute == TaskAttribute.ORDERED || attribute == TaskAttribute.HEAD_OF_QUEUE;
    }

    /** SAM-5 8.6: whether the older tasks still in the task set allow {@code task} to be enabled. */
    private boolean mayStart(Task task) {
        return switch (task.attribute()) {
            case SIMPLE -> barriers.lower(task.sequence()) == null;
            case ORDERED -> byAge.firstKey() == task.sequence();
            case HEAD_OF_QUEUE, ACA -> true;
        };
    }

    /**
     * Waits until {@code task} is enabled or aborted, whichever comes first.
     *
     * @return true if the task is enabled, false if it was aborted while dormant
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean awaitEnabled(Task task) throws InterruptedException {
        if (task.state() == Task.State.ENABLED) {
            return true;
        }
        lock.lock();
        try {
            while (!task.isAborted() && !mayStart(task)) {
                waiters++;
                try {
                    changed.await();
                } finally {
                    waiters--;
                }
            }
            if (task.isAborted()) {
                return false;
            }
            task.state(Task.State.ENABLED);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Removes a task that has ended, enabling the dormant tasks that waited only for it. */
    void leave(Task task) {
        lock.lock();
        try {
            byTag.remove(new Key(task.nexus(), task.tag()), task);
            byAge.remove(task.sequence(), task);
            barriers.remove(task.sequence());
            task.state(Task.State.ENDED);
            wakeWaiters();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code action} holding the task set's lock, so that aborting several tasks is one action: no dormant task
     * is enabled part-way through because an older task it waited for was aborted and left first (SAM-5 5.6). The
     * action must not wait.
     */
    void atomically(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the waiting threads after a task was aborted, so that a dormant aborted task returns. */
    void changed() {
        lock.lock();
        try {
            wakeWaiters();
        } finally {
            lock.unlock();
        }
    }

    private void wakeWaiters() {
        if (waiters > 0) {
            changed.signalAll();
        }
    }

    /**
     * Waits until every one of {@code tasks} has left the task set, so that a task management function completes
     * only after the commands it aborted have ended (SAM-5 7.1). Returns early, with the interrupt status set, if
     * the waiting thread is interrupted.
     */
    void awaitEnded(Collection<Task> tasks) {
        lock.lock();
        try {
            for (Task t : tasks) {
                while (t.state() != Task.State.ENDED) {
                    waiters++;
                    try {
                        changed.await();
                    } finally {
                        waiters--;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** The task of {@code nexus} with {@code tag} in the task set, dormant or enabled, or null. */
    Task find(Nexus nexus, long tag) {
        lock.lock();
        try {
            return byTag.get(new Key(nexus, tag));
        } finally {
            lock.unlock();
        }
    }

    /** The tasks in the task set matching {@code filter}, oldest first. */
    List<Task> matching(Predicate<Task> filter) {
        List<Task> result = new ArrayList<>();
        lock.lock();
        try {
            for (Task t : byAge.values()) {
                if (filter.test(t)) {
                    result.add(t);
                }
            }
        } finally {
            lock.unlock();
        }
        return result;
    }

    /** The number of tasks in the task set, dormant or enabled. */
    public int size() {
        lock.lock();
        try {
            return byAge.size();
        } finally {
            lock.unlock();
        }
    }
}
