package io.github.scsiemu.spc;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.ScsiRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The task set of a logical unit (SAM-5 8; one task set per logical unit, TST=000b): the tasks that have entered
 * and not yet completed, keyed by I_T_L_Q nexus. It detects overlapped commands (a tag reused while its task is
 * still active, SAM-5 5.10) and lets task management find and abort tasks.
 */
public final class TaskSet {

    private record Key(Nexus nexus, long tag) {
    }

    private final Map<Key, Task> active = new ConcurrentHashMap<>();

    /**
     * Enters a task, or returns {@code null} if its tag is already in use by an active task of the same nexus
     * (an overlapped command).
     */
    Task enter(ScsiRequest request) {
        Task task = new Task(request.nexus(), request.tag(), request.taskAttribute());
        Task previous = active.putIfAbsent(new Key(request.nexus(), request.tag()), task);
        return previous == null ? task : null;
    }

    /** Removes a completed task. */
    void leave(Task task) {
        active.remove(new Key(task.nexus(), task.tag()), task);
    }

    /** The active task of {@code nexus} with {@code tag}, or null. */
    Task find(Nexus nexus, long tag) {
        return active.get(new Key(nexus, tag));
    }

    /** The active tasks matching {@code filter}. */
    List<Task> matching(Predicate<Task> filter) {
        List<Task> result = new ArrayList<>();
        for (Task t : active.values()) {
            if (filter.test(t)) {
                result.add(t);
            }
        }
        return result;
    }

    /** The number of active tasks. */
    public int size() {
        return active.size();
    }
}
