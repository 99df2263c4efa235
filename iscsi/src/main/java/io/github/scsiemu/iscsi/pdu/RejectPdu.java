package io.github.scsiemu.iscsi.pdu;

import java.nio.ByteBuffer;

/**
 * Reject (RFC 7143 11.17): the data segment is the header of the rejected PDU; the ITT field is 0xFFFFFFFF and
 * StatSN advances.
 *
 * @param reason    the reason
 * @param statSn    StatSN
 * @param expCmdSn  ExpCmdSN
 * @param maxCmdSn  MaxCmdSN
 * @param dataSnR2tSn DataSN/R2TSN (SNACK rejects only)
 * @param data      the rejected BHS
 */
public record RejectPdu(RejectReason reason, int statSn, int expCmdSn, int maxCmdSn, int dataSnR2tSn,
        ByteBuffer data) implements Pdu, StatusSequencedPdu {

    public RejectPdu {
        java.util.Objects.requireNonNull(reason, "reason");
        data = Pdu.segment(data);
    }

    @Override
    public Opcode opcode() {
        return Opcode.REJECT;
    }

    @Override
    public int initiatorTaskTag() {
        return RESERVED_TAG;
    }

    /** The ITT of the rejected PDU, read from its header; 0xFFFFFFFF if no full header is attached. */
    public int rejectedTaskTag() {
        return data.remaining() >= Bhs.LENGTH ? data.getInt(16) : RESERVED_TAG;
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    @Override
    public RawPdu toRaw() {
        Bhs h = Bhs.create(Opcode.REJECT, false).u8(1, Bhs.FINAL).u8(2, reason.code()).i32(16, RESERVED_TAG)
                .i32(24, statSn).i32(28, expCmdSn).i32(32, maxCmdSn).i32(36, dataSnR2tSn);
        return RawPdu.of(h, data());
    }

    static RejectPdu decode(Bhs h, ByteBuffer data) {
        return new RejectPdu(RejectReason.fromCode(h.u8(2)), h.i32(24), h.i32(28), h.i32(32), h.i32(36), data);
    }
}
