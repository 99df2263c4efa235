package io.github.scsiemu.spc;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.TaskAttribute;

/**
 * A command in a logical unit's task set (SAM-5 8.1): from the moment it enters until its response is built. A
 * task can be aborted by task management or by another nexus's action; a handler doing long work polls
 * {@link #isAborted()}.
 */
public final class Task {

    /** How an aborted task ends (SAM-5 5.6 and the TAS bit of the Control mode page). */
    enum Abort {
        NONE,
        /** Terminated without status. */
        SILENT,
        /** Completed with TASK ABORTED status (TAS=1, aborted by another nexus). */
        TASK_ABORTED_STATUS
    }

    private final Nexus nexus;
    private final long tag;
    private final TaskAttribute attribute;
    private volatile Abort abort = Abort.NONE;

    Task(Nexus nexus, long tag, TaskAttribute attribute) {
        this.nexus = nexus;
        this.tag = tag;
        this.attribute = attribute;
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

    /** Whether the task has been aborted; handlers of long operations stop when it is. */
    public boolean isAborted() {
        return abort != Abort.NONE;
    }

    Abort abortMode() {
        return abort;
    }

    void abort(Abort mode) {
        if (abort == Abort.NONE) {
            abort = mode;
        }
    }
}
