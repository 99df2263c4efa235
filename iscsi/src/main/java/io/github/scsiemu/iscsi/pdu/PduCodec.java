package io.github.scsiemu.iscsi.pdu;

import java.nio.ByteBuffer;

/**
 * Decodes framed PDUs into their typed records (RFC 7143 11). Encoding is {@link Pdu#toRaw()}. Decoding never
 * throws anything but {@link PduFormatException}, whatever the bytes.
 */
public final class PduCodec {
    private PduCodec() {
    }

    /**
     * Decodes a framed PDU.
     *
     * @throws PduFormatException for an undefined opcode, segments that do not match the header's lengths, or an
     *                            invalid AHS; the exception carries the header
     */
    public static Pdu decode(RawPdu raw) throws PduFormatException {
        ByteBuffer header = raw.header();
        try {
            Bhs h = raw.bhs();
            if (h.totalAhsLength() != raw.ahs().remaining() || h.dataSegmentLength() != raw.data().remaining()) {
                throw new PduFormatException(RejectReason.PROTOCOL_ERROR, "header lengths do not match the segments");
            }
            ByteBuffer data = raw.data();
            switch (Opcode.fromCode(h.opcodeCode())) {
                case NOP_OUT:
                    return NopOutPdu.decode(h, data);
                case SCSI_COMMAND:
                    return ScsiCommandPdu.decode(h, raw.ahs(), data);
                case TASK_MANAGEMENT_REQUEST:
                    return TaskManagementRequestPdu.decode(h);
                case LOGIN_REQUEST:
                    return LoginRequestPdu.decode(h, data);
                case TEXT_REQUEST:
                    return TextRequestPdu.decode(h, data);
                case DATA_OUT:
                    return DataOutPdu.decode(h, data);
                case LOGOUT_REQUEST:
                    return LogoutRequestPdu.decode(h);
                case SNACK_REQUEST:
                    return SnackRequestPdu.decode(h);
                case NOP_IN:
                    return NopInPdu.decode(h, data);
                case SCSI_RESPONSE:
                    return ScsiResponsePdu.decode(h, data);
                case TASK_MANAGEMENT_RESPONSE:
                    return TaskManagementResponsePdu.decode(h);
                case LOGIN_RESPONSE:
                    return LoginResponsePdu.decode(h, data);
                case TEXT_RESPONSE:
                    return TextResponsePdu.decode(h, data);
                case DATA_IN:
                    return DataInPdu.decode(h, data);
                case LOGOUT_RESPONSE:
                    return LogoutResponsePdu.decode(h);
                case READY_TO_TRANSFER:
                    return ReadyToTransferPdu.decode(h);
                case ASYNC_MESSAGE:
                    return AsyncMessagePdu.decode(h, data);
                case REJECT:
                    return RejectPdu.decode(h, data);
                default:
                    throw new PduFormatException(RejectReason.COMMAND_NOT_SUPPORTED, "opcode " + h.opcodeCode());
            }
        } catch (PduFormatException e) {
            throw e.header().isPresent() ? e : e.withHeader(header);
        }
    }
}
