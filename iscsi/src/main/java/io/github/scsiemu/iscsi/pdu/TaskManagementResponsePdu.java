package io.github.scsiemu.iscsi.pdu;

import java.nio.ByteBuffer;

/**
 * Task Management Function Response (RFC 7143 11.6), with the Function succeeded response and the Additional
 * Response Information field that RFC 7144 adds for the SAM-5 QUERY functions. The Additional Response Information
 * occupies bytes 37-39 of the BHS (byte 36 stays reserved); for QUERY ASYNC EVENT with Function succeeded it holds
 * the SAM-5 7.9 bytes: UADE DEPTH and SENSE KEY, ADDITIONAL SENSE CODE, ADDITIONAL SENSE CODE QUALIFIER of the
 * pending unit attention condition.
 *
 * @param response                      0 function complete, 1 task does not exist, 2 LUN does not exist, 3 task
 *                                      still allegiant, 4 reassignment not supported, 5 function not supported, 6
 *                                      authorization failed, 7 function succeeded (RFC 7144), 255 rejected
 * @param initiatorTaskTag              the ITT of the request
 * @param statSn                        StatSN
 * @param expCmdSn                      ExpCmdSN
 * @param maxCmdSn                      MaxCmdSN
 * @param additionalResponseInformation the three bytes of Additional Response Information, 0 when none
 */
public record TaskManagementResponsePdu(int response, int initiatorTaskTag, int statSn, int expCmdSn, int maxCmdSn,
        int additionalResponseInformation) implements Pdu, StatusSequencedPdu {

    /** Function complete. */
    public static final int FUNCTION_COMPLETE = 0;
    /** Task does not exist. */
    public static final int TASK_DOES_NOT_EXIST = 1;
    /** LUN does not exist. */
    public static final int LUN_DOES_NOT_EXIST = 2;
    /** Task allegiance reassignment not supported. */
    public static final int REASSIGNMENT_NOT_SUPPORTED = 4;
    /** Task management function not supported. */
    public static final int FUNCTION_NOT_SUPPORTED = 5;
    /** Function succeeded (RFC 7144): a QUERY function found what it asked about. */
    public static final int FUNCTION_SUCCEEDED = 7;
    /** Function rejected. */
    public static final int FUNCTION_REJECTED = 255;

    public TaskManagementResponsePdu {
        if ((response >>> 8) != 0) {
            throw new IllegalArgumentException("response is a byte");
        }
        if ((additionalResponseInformation >>> 24) != 0) {
            throw new IllegalArgumentException("additional response information is three bytes");
        }
    }

    /** A response without Additional Response Information. */
    public TaskManagementResponsePdu(int response, int initiatorTaskTag, int statSn, int expCmdSn, int maxCmdSn) {
        this(response, initiatorTaskTag, statSn, expCmdSn, maxCmdSn, 0);
    }

    @Override
    public Opcode opcode() {
        return Opcode.TASK_MANAGEMENT_RESPONSE;
    }

    @Override
    public ByteBuffer data() {
        return Pdu.empty();
    }

    @Override
    public RawPdu toRaw() {
        Bhs h = Bhs.create(Opcode.TASK_MANAGEMENT_RESPONSE, false).u8(1, Bhs.FINAL).u8(2, response)
                .i32(16, initiatorTaskTag).i32(24, statSn).i32(28, expCmdSn).i32(32, maxCmdSn)
                .i32(36, additionalResponseInformation);
        return RawPdu.of(h, Pdu.empty());
    }

    static TaskManagementResponsePdu decode(Bhs h) {
        return new TaskManagementResponsePdu(h.u8(2), h.i32(16), h.i32(24), h.i32(28), h.i32(32),
                h.i32(36) & 0xFF_FFFF);
    }
}
