package io.github.scsiemu.spc;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.TaskManagementRequest;
import io.github.scsiemu.api.TaskManagementResponse;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import java.util.Optional;

/**
 * The task manager of a {@link DeviceServer} (SAM-5 7): executes task management functions against the task set
 * and establishes the unit attentions they call for.
 */
final class TaskManager {

    private TaskManager() {
    }

    static TaskManagementResponse execute(DeviceServer lu, TaskManagementRequest request) {
        Nexus nexus = request.nexus();
        TaskSet tasks = lu.taskSet();
        switch (request.function()) {
            case ABORT_TASK: {
                Task t = tasks.find(nexus, request.referencedTag());
                if (t != null) {
                    t.abort(Task.Abort.SILENT);
                }
                return TaskManagementResponse.COMPLETE;
            }
            case ABORT_TASK_SET:
                for (Task t : tasks.matching(t -> t.nexus().equals(nexus))) {
                    t.abort(Task.Abort.SILENT);
                }
                return TaskManagementResponse.COMPLETE;
            case CLEAR_TASK_SET:
                abortAll(lu, nexus);
                return TaskManagementResponse.COMPLETE;
            case LOGICAL_UNIT_RESET:
                lu.logicalUnitReset(nexus);
                return TaskManagementResponse.COMPLETE;
            case I_T_NEXUS_RESET:
                lu.nexusLost(nexus);
                return TaskManagementResponse.COMPLETE;
            case QUERY_TASK:
                return tasks.find(nexus, request.referencedTag()) != null ? TaskManagementResponse.SUCCEEDED
                        : TaskManagementResponse.COMPLETE;
            case QUERY_TASK_SET:
                return tasks.matching(t -> t.nexus().equals(nexus)).isEmpty() ? TaskManagementResponse.COMPLETE
                        : TaskManagementResponse.SUCCEEDED;
            case QUERY_ASYNCHRONOUS_EVENT:
                return queryAsynchronousEvent(lu, nexus);
            case CLEAR_ACA:
            default:
                // NORMACA is 0 in INQUIRY data: ACA is not supported (SAM-5 7.3).
                return TaskManagementResponse.REJECTED;
        }
    }

    /**
     * Aborts every task in the task set (CLEAR TASK SET, LOGICAL UNIT RESET). Tasks of other nexuses end with TASK
     * ABORTED status if TAS is set; otherwise silently, and their nexuses get COMMANDS CLEARED BY ANOTHER INITIATOR
     * (SAM-5 5.6, SPC-4 7.5.8).
     */
    static void abortAll(DeviceServer lu, Nexus requester) {
        abort(lu, t -> true, requester);
    }

    /** Aborts the tasks matching {@code which} under the rules of {@link #abortAll}. */
    static void abort(DeviceServer lu, java.util.function.Predicate<Task> which, Nexus requester) {
        boolean tas = lu.modePages().taskAbortedStatus();
        for (Task t : lu.taskSet().matching(which)) {
            if (t.nexus().equals(requester)) {
                t.abort(Task.Abort.SILENT);
            } else if (tas) {
                t.abort(Task.Abort.TASK_ABORTED_STATUS);
            } else {
                t.abort(Task.Abort.SILENT);
                lu.unitAttentions().establish(t.nexus(), AdditionalSense.COMMANDS_CLEARED_BY_ANOTHER_INITIATOR);
            }
        }
    }

    /** SAM-5 7.9: reports the oldest pending unit attention without clearing it. */
    private static TaskManagementResponse queryAsynchronousEvent(DeviceServer lu, Nexus nexus) {
        Optional<SenseData> pending = lu.unitAttentions().peek(nexus);
        if (pending.isEmpty()) {
            return TaskManagementResponse.COMPLETE;
        }
        SenseData s = pending.get();
        int info = (s.senseKey().code() << 16) | (s.additionalSense().asc() << 8) | s.additionalSense().ascq();
        return new TaskManagementResponse(TaskManagementResponse.ServiceResponse.FUNCTION_SUCCEEDED, info);
    }
}
