package io.github.scsiemu.iscsi.pdu;

import io.github.scsiemu.api.Lun;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Task Management Function Request (RFC 7143 11.5), with the function codes RFC 7144 adds for the SAM-5 task
 * management functions QUERY TASK, QUERY TASK SET, I_T NEXUS RESET and QUERY ASYNCHRONOUS EVENT.
 *
 * @param immediate           the I bit
 * @param function            the function code (1 ABORT TASK ... 8 TASK REASSIGN, RFC 7143 11.5.1; 9 QUERY TASK
 *                            ... 12 QUERY ASYNC EVENT, RFC 7144)
 * @param lun                 the LUN
 * @param initiatorTaskTag    the ITT of this request
 * @param referencedTaskTag   the ITT of the task to abort or query, or 0xFFFFFFFF
 * @param cmdSn               CmdSN
 * @param expStatSn           ExpStatSN
 * @param refCmdSn            the CmdSN of the referenced task
 * @param expDataSn           ExpDataSN (task reassignment only)
 */
public record TaskManagementRequestPdu(boolean immediate, int function, Lun lun, int initiatorTaskTag,
        int referencedTaskTag, int cmdSn, int expStatSn, int refCmdSn, int expDataSn) implements Pdu {

    /** ABORT TASK. */
    public static final int ABORT_TASK = 1;
    /** ABORT TASK SET. */
    public static final int ABORT_TASK_SET = 2;
    /** CLEAR ACA. */
    public static final int CLEAR_ACA = 3;
    /** CLEAR TASK SET. */
    public static final int CLEAR_TASK_SET = 4;
    /** LOGICAL UNIT RESET. */
    public static final int LOGICAL_UNIT_RESET = 5;
    /** TARGET WARM RESET. */
    public static final int TARGET_WARM_RESET = 6;
    /** TARGET COLD RESET. */
    public static final int TARGET_COLD_RESET = 7;
    /** TASK REASSIGN. */
    public static final int TASK_REASSIGN = 8;
    /** QUERY TASK (RFC 7144; SAM-5 7.10): is the task named by the Referenced Task Tag in the task set. */
    public static final int QUERY_TASK = 9;
    /** QUERY TASK SET (RFC 7144; SAM-5 7.11): has this I_T_L nexus any task in the task set. */
    public static final int QUERY_TASK_SET = 10;
    /** I_T NEXUS RESET (RFC 7144; SAM-5 7.6): an I_T nexus loss for the session on which it arrives. */
    public static final int I_T_NEXUS_RESET = 11;
    /** QUERY ASYNC EVENT (RFC 7144; SAM-5 7.9 QUERY ASYNCHRONOUS EVENT): is a unit attention pending. */
    public static final int QUERY_ASYNC_EVENT = 12;

    public TaskManagementRequestPdu {
        Objects.requireNonNull(lun, "lun");
        if (function < 0 || function > 0x7F) {
            throw new IllegalArgumentException("function is seven bits");
        }
    }

    @Override
    public Opcode opcode() {
        return Opcode.TASK_MANAGEMENT_REQUEST;
    }

    @Override
    public ByteBuffer data() {
        return Pdu.empty();
    }

    @Override
    public RawPdu toRaw() {
        Bhs h = Bhs.create(Opcode.TASK_MANAGEMENT_REQUEST, immediate).u8(1, Bhs.FINAL | function).lun(lun)
                .i32(16, initiatorTaskTag).i32(20, referencedTaskTag).i32(24, cmdSn).i32(28, expStatSn)
                .i32(32, refCmdSn).i32(36, expDataSn);
        return RawPdu.of(h, Pdu.empty());
    }

    static TaskManagementRequestPdu decode(Bhs h) {
        return new TaskManagementRequestPdu(h.immediate(), h.flags() & 0x7F, h.lun(), h.i32(16), h.i32(20),
                h.i32(24), h.i32(28), h.i32(32), h.i32(36));
    }
}
