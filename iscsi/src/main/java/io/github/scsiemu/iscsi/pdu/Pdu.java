package io.github.scsiemu.iscsi.pdu;

import java.nio.ByteBuffer;

/**
 * An iSCSI PDU with its fields decoded (RFC 7143 11): one immutable record per opcode. Data segments are read-only
 * {@link ByteBuffer} views compared by content; {@link #toRaw()} and {@link PduCodec#decode(RawPdu)} are inverse.
 * Reserved bits are sent as zero and ignored on receipt.
 */
public sealed interface Pdu permits NopOutPdu, ScsiCommandPdu, TaskManagementRequestPdu, LoginRequestPdu,
        TextRequestPdu, DataOutPdu, LogoutRequestPdu, SnackRequestPdu, NopInPdu, ScsiResponsePdu,
        TaskManagementResponsePdu, LoginResponsePdu, TextResponsePdu, DataInPdu, LogoutResponsePdu,
        ReadyToTransferPdu, AsyncMessagePdu, RejectPdu {

    /** The reserved tag value 0xFFFFFFFF (RFC 7143 11.2.1.8 and 11.7.4). */
    int RESERVED_TAG = 0xFFFF_FFFF;

    /** The opcode. */
    Opcode opcode();

    /** The Initiator Task Tag (0xFFFFFFFF where the PDU belongs to no task). */
    int initiatorTaskTag();

    /** The data segment, without padding; empty if there is none. */
    ByteBuffer data();

    /** The wire form. */
    RawPdu toRaw();

    /** A read-only view of the remaining bytes of {@code data}, for a record component. */
    static ByteBuffer segment(ByteBuffer data) {
        return data.slice().asReadOnlyBuffer();
    }

    /** An empty data segment. */
    static ByteBuffer empty() {
        return ByteBuffer.allocate(0).asReadOnlyBuffer();
    }
}
