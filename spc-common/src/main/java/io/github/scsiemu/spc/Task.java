package io.github.scsiemu.spc;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.TaskAttribute;

/**
 * A command in a logical unit's task set (SAM-5 8.1): from the moment it enters until its response is built. It
 * enters dormant or enabled according to its task attribute and the older tasks in the task set (SAM-5 8.6, see
 * {@link TaskSet}); only an enabled task is processed. A task can be aborted by task management or by another
 * nexus's action, whether dormant or enabled; a handler doing long work polls {@link #isAborted()}.
 */
public final class Task {

    /** How an aborted task ends (SAM-5 5.6 and the TAS bit of the Control mode page, SPC-4 7.5.8). */
    enum Abort {
        NONE,
        /** Terminated without status. */
        SILENT,
        /** Completed with TASK ABORTED status (TAS=1, aborted by another nexus). */
        TASK_ABORTED_STATUS
    }

    /** The task states of SAM-5 8.9 this engine distinguishes (it has no ACA, so no blocked state). */
    public enum State {
        /** In the task set, waiting for older tasks its attribute orders it behind. */
        DORMANT,
        /** Being processed by the device server. */
        ENABLED,
        /** Left the task set: completed, or aborted and gone. */
        ENDED
    }

    private final TaskSet taskSet;
    private final Nexus nexus;
    private final long tag;
    private final TaskAttribute attribute;
    private final long sequence;
    private volatile Abort abort = Abort.NONE;
    private volatile State state = State.DORMANT;

    Task(TaskSet taskSet, Nexus nexus, long tag, TaskAttribute attribute, long sequence) {
        this.taskSet = taskSet;
        this.nexus = nexus;
        this.tag = tag;
        this.attribute = attribute;
        this.sequence = sequence;
    }

    public Nexus nexus() {
        return nexus;
    }

    public long tag() {
        return tag;
    }

    public TaskAttribute attribute() {
        return attribute;
    }

    /** The task's place in order of arrival: a smaller number is an older task (SAM-5 8.6). */
    long sequence() {
        return sequence;
    }

    /** Where the task is in its life (SAM-5 8.9). */
    public State state() {
        return state;
    }

    void state(State value) {
        this.state = value;
    }

    /** Whether the task has been aborted; handlers of long operations stop when it is. */
    public boolean isAborted() {
        return abort != Abort.NONE;
    }

    Abort abortMode() {
        return abort;
    }

    /**
     * Aborts the task (the first abort decides how it ends) and wakes it if it is dormant.
     *
     * @return true if this call aborted it, false if it was already aborted
     */
    boolean abort(Abort mode) {
        boolean first;
        synchronized (this) {
            first = abort == Abort.NONE;
            if (first) {
                abort = mode;
            }
        }
        if (first) {
            taskSet.changed();
        }
        return first;
    }
}
