package io.github.scsiemu.iscsi.pdu;

/**
 * The PDU opcodes of RFC 7143 11.1.1: initiator opcodes 00h-06h and 10h, target opcodes 20h-26h, 31h, 32h and 3Fh.
 */
public enum Opcode {
    NOP_OUT(0x00),
    SCSI_COMMAND(0x01),
    TASK_MANAGEMENT_REQUEST(0x02),
    LOGIN_REQUEST(0x03),
    TEXT_REQUEST(0x04),
    DATA_OUT(0x05),
    LOGOUT_REQUEST(0x06),
    SNACK_REQUEST(0x10),
    NOP_IN(0x20),
    SCSI_RESPONSE(0x21),
    TASK_MANAGEMENT_RESPONSE(0x22),
    LOGIN_RESPONSE(0x23),
    TEXT_RESPONSE(0x24),
    DATA_IN(0x25),
    LOGOUT_RESPONSE(0x26),
    READY_TO_TRANSFER(0x31),
    ASYNC_MESSAGE(0x32),
    REJECT(0x3F);

    private static final Opcode[] BY_CODE = new Opcode[64];

    static {
        for (Opcode o : values()) {
            BY_CODE[o.code] = o;
        }
    }

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /** The six-bit opcode carried in byte 0 of the BHS. */
    public int code() {
        return code;
    }

    /** Whether an initiator sends this opcode (RFC 7143 11.1.1.1). */
    public boolean isInitiatorOpcode() {
        return code < 0x20;
    }

    /**
     * The opcode with the given six-bit code.
     *
     * @throws PduFormatException {@link RejectReason#COMMAND_NOT_SUPPORTED} for a code RFC 7143 does not define
     */
    public static Opcode fromCode(int code) throws PduFormatException {
        Opcode o = BY_CODE[code & 0x3F];
        if (o == null) {
            throw new PduFormatException(RejectReason.COMMAND_NOT_SUPPORTED,
                    String.format("opcode %02Xh is not defined", code & 0x3F));
        }
        return o;
    }
}
