package io.github.scsiemu.spc;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.api.TaskManagementRequest;
import io.github.scsiemu.api.TaskManagementResponse;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The task manager of a {@link DeviceServer} (SAM-5 7): executes task management functions against the task set
 * and establishes the unit attentions they call for.
 *
 * <p>A function that aborts commands (ABORT TASK, ABORT TASK SET, CLEAR TASK SET, LOGICAL UNIT RESET, I_T NEXUS
 * RESET) returns its service response only after every command it aborted has ended, dormant or enabled, so that a
 * transport never reports FUNCTION COMPLETE ahead of the commands it cleared (SAM-5 5.6 and 7.1). How an aborted
 * command ends follows SAM-5 5.6 and the TAS bit (SPC-4 7.5.8): a command of the nexus whose action aborted it ends
 * without status; a command of another nexus ends with TASK ABORTED status if TAS is one, otherwise without status
 * and with COMMANDS CLEARED BY ANOTHER INITIATOR (2Fh/00h) established for its nexus. For LOGICAL UNIT RESET that
 * condition is superseded by BUS DEVICE RESET FUNCTION OCCURRED (29h/03h), which the reset establishes for every
 * nexus and which tells each of them its commands were cleared (SAM-5 6.3.3).
 */
final class TaskManager {

    private TaskManager() {
    }

    static TaskManagementResponse execute(DeviceServer lu, TaskManagementRequest request) {
        Nexus nexus = request.nexus();
        TaskSet tasks = lu.taskSet();
        switch (request.function()) {
            case ABORT_TASK: {
                // SAM-5 7.2: a task of this nexus only; it ends without status.
                Task t = tasks.find(nexus, request.referencedTag());
                if (t != null) {
                    t.abort(Task.Abort.SILENT);
                    tasks.awaitEnded(List.of(t));
                }
                return TaskManagementResponse.COMPLETE;
            }
            case ABORT_TASK_SET:
                // SAM-5 7.3: every task of this nexus, none of another; they end without status.
                tasks.awaitEnded(abort(lu, t -> t.nexus().equals(nexus), nexus));
                return TaskManagementResponse.COMPLETE;
            case CLEAR_TASK_SET:
                // SAM-5 7.4 with TST=000b: every task in the (shared) task set.
                tasks.awaitEnded(abortAll(lu, nexus));
                return TaskManagementResponse.COMPLETE;
            case LOGICAL_UNIT_RESET: {
                List<Task> affected = tasks.matching(t -> true);
                lu.logicalUnitReset(nexus);
                tasks.awaitEnded(affected);
                return TaskManagementResponse.COMPLETE;
            }
            case I_T_NEXUS_RESET: {
                List<Task> affected = tasks.matching(t -> t.nexus().equals(nexus));
                lu.nexusLost(nexus);
                tasks.awaitEnded(affected);
                return TaskManagementResponse.COMPLETE;
            }
            case QUERY_TASK:
                // SAM-5 7.10: a dormant task is in the task set as much as an enabled one.
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
     * Aborts every task in the task set (CLEAR TASK SET, LOGICAL UNIT RESET) under the rules in the class
     * description.
     *
     * @return the tasks aborted
     */
    static List<Task> abortAll(DeviceServer lu, Nexus requester) {
        return abort(lu, t -> true, requester);
    }

    /**
     * Aborts the tasks matching {@code which} under the rules in the class description, without waiting for them
     * to end.
     *
     * @return the tasks aborted
     */
    static List<Task> abort(DeviceServer lu, Predicate<Task> which, Nexus requester) {
        boolean tas = lu.modePages().taskAbortedStatus();
        List<Task> affected = new ArrayList<>();
        lu.taskSet().atomically(() -> {
            affected.addAll(lu.taskSet().matching(which));
            for (Task t : affected) {
                if (t.nexus().equals(requester)) {
                    t.abort(Task.Abort.SILENT);
                } else if (tas) {
                    t.abort(Task.Abort.TASK_ABORTED_STATUS);
                } else if (t.abort(Task.Abort.SILENT)) {
                    lu.unitAttentions().establish(t.nexus(), AdditionalSense.COMMANDS_CLEARED_BY_ANOTHER_INITIATOR);
                }
            }
        });
        return affected;
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
