package io.github.scsiemu.iscsi.pdu;

import java.nio.ByteBuffer;

/**
 * Logout Response (RFC 7143 11.15).
 *
 * @param response         0 closed successfully, 1 CID not found, 2 recovery not supported, 3 cleanup failed
 * @param initiatorTaskTag the ITT of the request
 * @param statSn           StatSN
 * @param expCmdSn         ExpCmdSN
 * @param maxCmdSn         MaxCmdSN
 * @param time2Wait        Time2Wait in seconds
 * @param time2Retain      Time2Retain in seconds
 */
public record LogoutResponsePdu(int response, int initiatorTaskTag, int statSn, int expCmdSn, int maxCmdSn,
        int time2Wait, int time2Retain) implements Pdu, StatusSequencedPdu {

    public LogoutResponsePdu {
        if ((response >>> 8) != 0 || ((time2Wait | time2Retain) >>> 16) != 0) {
            throw new IllegalArgumentException("response is a byte, times sixteen bits");
        }
    }

    @Override
    public Opcode opcode() {
        return Opcode.LOGOUT_RESPONSE;
    }

    @Override
    public ByteBuffer data() {
        return Pdu.empty();
    }

    @Override
    public RawPdu toRaw() {
        Bhs h = Bhs.create(Opcode.LOGOUT_RESPONSE, false).u8(1, Bhs.FINAL).u8(2, response).i32(16, initiatorTaskTag)
                .i32(24, statSn).i32(28, expCmdSn).i32(32, maxCmdSn).u16(40, time2Wait).u16(42, time2Retain);
        return RawPdu.of(h, Pdu.empty());
    }

    static LogoutResponsePdu decode(Bhs h) {
        return new LogoutResponsePdu(h.u8(2), h.i32(16), h.i32(24), h.i32(28), h.i32(32), h.u16(40), h.u16(42));
    }
}
