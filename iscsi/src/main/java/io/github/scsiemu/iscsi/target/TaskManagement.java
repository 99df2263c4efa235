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
 * Task management for one session (RFC 7143 11.5 and 11.6, with the functions RFC 7144 adds) mapped to the device's
 * task manager (SAM-5 7). Runs on a worker thread, since the device returns only after the aborted tasks have ended,
 * and answers after them. ABORT TASK answers "task does not exist" for a task that already completed (or is unknown
 * and was not announced by a RefCmdSN inside the window); a task still collecting data-out is dropped here, a
 * running one is aborted by the device and reports nothing. TARGET WARM RESET resets every logical unit; TARGET
 * COLD RESET does the same and then, once its response is on the wire, closes every connection of every session of
 * the target (RFC 7143 11.5.1: the I_T nexus loss of each session follows); TASK REASSIGN is not supported at error
 * recovery level 0.
 *
 * <p>The QUERY functions answer "function succeeded" (7) where SAM-5 answers FUNCTION SUCCEEDED. The task set they
 * look at is the device's plus the tasks this session still holds: a command collecting data-out (or waiting for
 * its CmdSN turn) has not reached the device yet but exists for the initiator (SAM-5 5.1). QUERY TASK names its
 * task by Referenced Task Tag, as ABORT TASK does, and answers "function complete" (0) for a task that is in
 * neither, as SAM-5 7.9 has the device server answer FUNCTION COMPLETE for an absent task;
 * QUERY TASK SET answers "function complete" when this nexus has no task on the LUN. QUERY ASYNC EVENT returns the
 * device's additional response information (sense key, ASC and ASCQ of the pending unit attention, SAM-5 7.9) in
 * the response. I_T NEXUS RESET drops this session's tasks still collecting data-out, has the device process the
 * I_T nexus loss (SAM-5 7.6), answers, and then ends the session and closes its connection: the session is the
 * I_T nexus that was reset. After either of those two resets the session has ended before its response is sent, so
 * a command the initiator sends on the doomed connection after reading the response never reaches the device
 * (libiscsi's PreventAllow.ColdReset would otherwise eject the medium on the old nexus, then reconnect).
 */
final class TaskManagement {
    private final TargetSession session;

    TaskManagement(TargetSession session) {
        this.session = session;
    }

    /** A Response field and its Additional Response Information. */
    private record Answer(int response, int additionalResponseInformation) {
        static Answer of(int response) {
            return new Answer(response, 0);
        }
    }

    void handle(TaskManagementRequestPdu request) {
        session.workers().execute(() -> {
            Answer answer = respond(request);
            boolean ending = answer.response() == TaskManagementResponsePdu.FUNCTION_COMPLETE
                    && (request.function() == TaskManagementRequestPdu.TARGET_COLD_RESET
                    || request.function() == TaskManagementRequestPdu.I_T_NEXUS_RESET);
            if (ending) {
                // the session is over before the initiator can read the response: nothing it sends after the
                // response (before the connection drops) reaches the device
                session.end();
            }
            session.out.send((statSn, exp, max) -> new TaskManagementResponsePdu(answer.response(),
                    request.initiatorTaskTag(), statSn, exp, max, answer.additionalResponseInformation()), true);
            if (ending && request.function() == TaskManagementRequestPdu.TARGET_COLD_RESET) {
                session.coldReset();
            } else if (ending) {
                session.terminate();
            }
        });
    }

    private Answer respond(TaskManagementRequestPdu r) {
        if (session.identity.discovery()) {
            return Answer.of(TaskManagementResponsePdu.FUNCTION_REJECTED);
        }
        ScsiTarget device = session.device().orElseThrow();
        switch (r.function()) {
            case TaskManagementRequestPdu.QUERY_TASK:
                return queryTask(device, r);
            case TaskManagementRequestPdu.QUERY_TASK_SET:
                return queryTaskSet(device, r);
            case TaskManagementRequestPdu.I_T_NEXUS_RESET:
                dropWaiting(null);
                return answer(device.manage(request(r.lun(), TaskManagementFunction.I_T_NEXUS_RESET, 0)));
            case TaskManagementRequestPdu.QUERY_ASYNC_EVENT:
                return answer(device.manage(request(r.lun(), TaskManagementFunction.QUERY_ASYNCHRONOUS_EVENT, 0)));
            default:
                return Answer.of(execute(device, r));
        }
    }

    private int execute(ScsiTarget device, TaskManagementRequestPdu r) {
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

    /** QUERY TASK: the device's task set first, then the tasks this session holds before the device sees them. */
    private Answer queryTask(ScsiTarget device, TaskManagementRequestPdu r) {
        TaskManagementResponse inDevice = device.manage(request(r.lun(), TaskManagementFunction.QUERY_TASK,
                Integer.toUnsignedLong(r.referencedTaskTag())));
        if (inDevice.serviceResponse() != TaskManagementResponse.ServiceResponse.FUNCTION_COMPLETE) {
            return answer(inDevice);
        }
        TargetTask task = session.tasks.get(r.referencedTaskTag());
        return Answer.of(task != null && task.lun.equals(r.lun()) ? TaskManagementResponsePdu.FUNCTION_SUCCEEDED
                : TaskManagementResponsePdu.FUNCTION_COMPLETE);
    }

    /** QUERY TASK SET: any task of this nexus on the LUN, in the device or still held by this session. */
    private Answer queryTaskSet(ScsiTarget device, TaskManagementRequestPdu r) {
        TaskManagementResponse inDevice = device.manage(request(r.lun(), TaskManagementFunction.QUERY_TASK_SET, 0));
        if (inDevice.serviceResponse() != TaskManagementResponse.ServiceResponse.FUNCTION_COMPLETE) {
            return answer(inDevice);
        }
        boolean held = session.tasks.values().stream().anyMatch(t -> t.lun.equals(r.lun()));
        return Answer.of(held ? TaskManagementResponsePdu.FUNCTION_SUCCEEDED
                : TaskManagementResponsePdu.FUNCTION_COMPLETE);
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

    /** The device's service response with its additional response information (RFC 7144 carries both). */
    private static Answer answer(TaskManagementResponse r) {
        return new Answer(map(r), r.additionalResponseInformation());
    }

    /** SAM-5 service response to the iSCSI Response field (RFC 7143 11.6.1, RFC 7144 for function succeeded). */
    private static int map(TaskManagementResponse r) {
        switch (r.serviceResponse()) {
            case FUNCTION_COMPLETE:
                return TaskManagementResponsePdu.FUNCTION_COMPLETE;
            case FUNCTION_SUCCEEDED:
                return TaskManagementResponsePdu.FUNCTION_SUCCEEDED;
            case INCORRECT_LOGICAL_UNIT_NUMBER:
                return TaskManagementResponsePdu.LUN_DOES_NOT_EXIST;
            default:
                return TaskManagementResponsePdu.FUNCTION_REJECTED;
        }
    }
}
