package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.api.ScsiTarget;
import io.github.scsiemu.api.TaskManagementFunction;
import io.github.scsiemu.api.TaskManagementRequest;
import io.github.scsiemu.api.TaskManagementResponse;
import io.github.scsiemu.iscsi.pdu.SerialNumbers;
import io.github.scsiemu.iscsi.pdu.TaskManagementRequestPdu;
import io.github.scsiemu.iscsi.pdu.TaskManagementResponsePdu;
import java.util.List;

/**
 * Task management for one session (RFC 7143 11.5 and 11.6) mapped to the device's task manager (SAM-5 7). Runs on a
 * worker thread, since the device returns only after the aborted tasks have ended, and answers after them. ABORT
 * TASK answers "task does not exist" for a task that already completed (or is unknown and was not announced by a
 * RefCmdSN inside the window); a task still collecting data-out is dropped here, a running one is aborted by the
 * device and reports nothing. TARGET WARM RESET resets every logical unit; TARGET COLD RESET does the same and
 * then, once its response is on the wire, closes every connection of every session of the target (RFC 7143
 * 11.5.1: the I_T nexus loss of each session follows); TASK REASSIGN is not supported at error recovery level 0.
 */
final class TaskManagement {
    private final TargetSession session;

    TaskManagement(TargetSession session) {
        this.session = session;
    }

    void handle(TaskManagementRequestPdu request) {
        session.workers().execute(() -> {
            int response = execute(request);
            session.out.send((statSn, exp, max) -> new TaskManagementResponsePdu(response, request.initiatorTaskTag(),
                    statSn, exp, max), true);
            if (request.function() == TaskManagementRequestPdu.TARGET_COLD_RESET
                    && response == TaskManagementResponsePdu.FUNCTION_COMPLETE) {
                session.coldReset();
            }
        });
    }

    private int execute(TaskManagementRequestPdu r) {
        if (session.identity.discovery()) {
            return TaskManagementResponsePdu.FUNCTION_REJECTED;
        }
        ScsiTarget device = session.device().orElseThrow();
        switch (r.function()) {
            case TaskManagementRequestPdu.ABORT_TASK:
                return abortTask(device, r);
            case TaskManagementRequestPdu.ABORT_TASK_SET:
                dropWaiting(r.lun());
                return map(device.manage(request(r.lun(), TaskManagementFunction.ABORT_TASK_SET, 0)));
            case TaskManagementRequestPdu.CLEAR_ACA:
                return map(device.manage(request(r.lun(), TaskManagementFunction.CLEAR_ACA, 0)));
            case TaskManagementRequestPdu.CLEAR_TASK_SET:
                dropWaiting(r.lun());
                return map(device.manage(request(r.lun(), TaskManagementFunction.CLEAR_TASK_SET, 0)));
            case TaskManagementRequestPdu.LOGICAL_UNIT_RESET:
                dropWaiting(r.lun());
                return map(device.manage(request(r.lun(), TaskManagementFunction.LOGICAL_UNIT_RESET, 0)));
            case TaskManagementRequestPdu.TARGET_WARM_RESET:
            case TaskManagementRequestPdu.TARGET_COLD_RESET: {
                dropWaiting(null);
                int result = TaskManagementResponsePdu.FUNCTION_COMPLETE;
                for (Lun lun : device.luns()) {
                    int one = map(device.manage(request(lun, TaskManagementFunction.LOGICAL_UNIT_RESET, 0)));
                    if (one != TaskManagementResponsePdu.FUNCTION_COMPLETE) {
                        result = one;
                    }
                }
                return result;
            }
            case TaskManagementRequestPdu.TASK_REASSIGN:
                return TaskManagementResponsePdu.REASSIGNMENT_NOT_SUPPORTED;
            default:
                return TaskManagementResponsePdu.FUNCTION_NOT_SUPPORTED;
        }
    }

    private int abortTask(ScsiTarget device, TaskManagementRequestPdu r) {
        TargetTask task = session.tasks.get(r.referencedTaskTag());
        if (task == null) {
            boolean announced = SerialNumbers.inWindow(r.refCmdSn(), session.window.expCmdSn(),
                    session.window.maxCmdSn());
            return announced ? TaskManagementResponsePdu.FUNCTION_COMPLETE
                    : TaskManagementResponsePdu.TASK_DOES_NOT_EXIST;
        }
        if (!task.command.immediate() && task.command.cmdSn() != r.refCmdSn()) {
            return TaskManagementResponsePdu.FUNCTION_REJECTED;
        }
        switch (task.abort()) {
            case RECEIVING:
                session.discard(task);
                return TaskManagementResponsePdu.FUNCTION_COMPLETE;
            case RUNNING:
                return map(device.manage(request(task.lun, TaskManagementFunction.ABORT_TASK,
                        Integer.toUnsignedLong(task.itt))));
            default:
                return TaskManagementResponsePdu.TASK_DOES_NOT_EXIST;
        }
    }

    /** Drops this session's tasks on the LUN (all LUNs for null) that are still collecting data-out. */
    private void dropWaiting(Lun lun) {
        for (TargetTask t : List.copyOf(session.tasks.values())) {
            if ((lun == null || t.lun.equals(lun)) && t.abort() == TargetTask.State.RECEIVING) {
                session.discard(t);
            }
        }
    }

    private TaskManagementRequest request(Lun lun, TaskManagementFunction f, long tag) {
        return new TaskManagementRequest(session.nexus(), lun, f, tag);
    }

    private static int map(TaskManagementResponse r) {
        switch (r.serviceResponse()) {
            case FUNCTION_COMPLETE:
            case FUNCTION_SUCCEEDED:
                return TaskManagementResponsePdu.FUNCTION_COMPLETE;
            case INCORRECT_LOGICAL_UNIT_NUMBER:
                return TaskManagementResponsePdu.LUN_DOES_NOT_EXIST;
            default:
                return TaskManagementResponsePdu.FUNCTION_REJECTED;
        }
    }
}
