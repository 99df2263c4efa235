package io.github.scsiemu.iscsi.pdu;

import java.nio.ByteBuffer;

/**
 * Logout Request (RFC 7143 11.14).
 *
 * @param immediate        the I bit
 * @param reasonCode       0 close the session, 1 close the connection, 2 remove the connection for recovery
 * @param initiatorTaskTag the ITT
 * @param cid              the CID of the connection to close (reasons 1 and 2)
 * @param cmdSn            CmdSN
 * @param expStatSn        ExpStatSN
 */
public record LogoutRequestPdu(boolean immediate, int reasonCode, int initiatorTaskTag, int cid, int cmdSn,
        int expStatSn) implements Pdu {

    /** Close the session. */
    public static final int CLOSE_SESSION = 0;
    /** Close the connection. */
    public static final int CLOSE_CONNECTION = 1;
    /** Remove the connection for recovery. */
    public static final int REMOVE_FOR_RECOVERY = 2;

    public LogoutRequestPdu {
        if ((reasonCode >>> 7) != 0 || (cid >>> 16) != 0) {
            throw new IllegalArgumentException("reason is seven bits, CID sixteen");
        }
    }

    @Override
    public Opcode opcode() {
        return Opcode.LOGOUT_REQUEST;
    }

    @Override
    public ByteBuffer data() {
        return Pdu.empty();
    }

    @Override
    public RawPdu toRaw() {
        Bhs h = Bhs.create(Opcode.LOGOUT_REQUEST, immediate).u8(1, Bhs.FINAL | reasonCode).i32(16, initiatorTaskTag)
                .u16(20, cid).i32(24, cmdSn).i32(28, expStatSn);
        return RawPdu.of(h, Pdu.empty());
    }

    static LogoutRequestPdu decode(Bhs h) {
        return new LogoutRequestPdu(h.immediate(), h.flags() & 0x7F, h.i32(16), h.u16(20), h.i32(24), h.i32(28));
    }
}
