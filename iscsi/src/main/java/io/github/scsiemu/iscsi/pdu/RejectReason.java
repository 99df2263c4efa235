package io.github.scsiemu.iscsi.pdu;

/** The reason codes of a Reject PDU (RFC 7143 11.17.1). */
public enum RejectReason {
    DATA_DIGEST_ERROR(0x02),
    SNACK_REJECT(0x03),
    PROTOCOL_ERROR(0x04),
    COMMAND_NOT_SUPPORTED(0x05),
    IMMEDIATE_COMMAND_REJECT(0x06),
    TASK_IN_PROGRESS(0x07),
    INVALID_DATA_ACK(0x08),
    INVALID_PDU_FIELD(0x09),
    LONG_OPERATION_REJECT(0x0A),
    NEGOTIATION_RESET(0x0B),
    WAITING_FOR_LOGOUT(0x0C);

    private final int code;

    RejectReason(int code) {
        this.code = code;
    }

    /** The reason code carried in byte 2 of the Reject PDU. */
    public int code() {
        return code;
    }

    /** The reason with the given code, or {@link #PROTOCOL_ERROR} for a code RFC 7143 does not define. */
    public static RejectReason fromCode(int code) {
        for (RejectReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return PROTOCOL_ERROR;
    }
}
