package io.github.scsiemu.iscsi.pdu;

import java.nio.ByteBuffer;

/**
 * SCSI Response (RFC 7143 11.4). With CHECK CONDITION the data segment is SenseLength (two bytes) followed by the
 * sense data (11.4.7).
 *
 * @param bidirectionalOverflow  the o bit
 * @param bidirectionalUnderflow the u bit
 * @param overflow               the O bit
 * @param underflow              the U bit
 * @param response               0 command completed at target, 1 target failure
 * @param status                 the SCSI status byte
 * @param initiatorTaskTag       the ITT
 * @param snackTag               the SNACK Tag
 * @param statSn                 StatSN
 * @param expCmdSn               ExpCmdSN
 * @param maxCmdSn               MaxCmdSN
 * @param expDataSn              ExpDataSN
 * @param bidirectionalReadResidualCount the Bidirectional Read Residual Count
 * @param residualCount          the Residual Count
 * @param data                   sense and response data
 */
public record ScsiResponsePdu(boolean bidirectionalOverflow, boolean bidirectionalUnderflow, boolean overflow,
        boolean underflow, int response, int status, int initiatorTaskTag, int snackTag, int statSn, int expCmdSn,
        int maxCmdSn, int expDataSn, int bidirectionalReadResidualCount, int residualCount, ByteBuffer data)
        implements Pdu, StatusSequencedPdu {

    public ScsiResponsePdu {
        if (((response | status) >>> 8) != 0) {
            throw new IllegalArgumentException("response and status are bytes");
        }
        data = Pdu.segment(data);
    }

    /** The sense data: the data segment after its two-byte SenseLength, empty if there is none. */
    public byte[] senseData() {
        ByteBuffer d = data();
        if (d.remaining() < 2) {
            return new byte[0];
        }
        int length = Math.min(d.getShort(0) & 0xFFFF, d.remaining() - 2);
        byte[] sense = new byte[length];
        d.get(2, sense);
        return sense;
    }

    /** The data segment for a sense buffer: SenseLength then the sense bytes (RFC 7143 11.4.7.2). */
    public static ByteBuffer senseSegment(byte[] sense) {
        if (sense.length == 0) {
            return Pdu.empty();
        }
        return ByteBuffer.allocate(2 + sense.length).putShort((short) sense.length).put(sense).flip();
    }

    @Override
    public Opcode opcode() {
        return Opcode.SCSI_RESPONSE;
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    @Override
    public RawPdu toRaw() {
        int flags = Bhs.FINAL | (bidirectionalOverflow ? 0x10 : 0) | (bidirectionalUnderflow ? 0x08 : 0)
                | (overflow ? 0x04 : 0) | (underflow ? 0x02 : 0);
        Bhs h = Bhs.create(Opcode.SCSI_RESPONSE, false).u8(1, flags).u8(2, response).u8(3, status)
                .i32(16, initiatorTaskTag).i32(20, snackTag).i32(24, statSn).i32(28, expCmdSn).i32(32, maxCmdSn)
                .i32(36, expDataSn).i32(40, bidirectionalReadResidualCount).i32(44, residualCount);
        return RawPdu.of(h, data());
    }

    static ScsiResponsePdu decode(Bhs h, ByteBuffer data) {
        return new ScsiResponsePdu(h.flag(0x10), h.flag(0x08), h.flag(0x04), h.flag(0x02), h.u8(2), h.u8(3),
                h.i32(16), h.i32(20), h.i32(24), h.i32(28), h.i32(32), h.i32(36), h.i32(40), h.i32(44), data);
    }
}
