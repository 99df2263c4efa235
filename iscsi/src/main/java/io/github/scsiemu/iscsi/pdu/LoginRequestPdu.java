package io.github.scsiemu.iscsi.pdu;

import java.nio.ByteBuffer;

/**
 * Login Request (RFC 7143 11.12). Always sent with the I bit; the stages are 0 SecurityNegotiation,
 * 1 LoginOperationalNegotiation and 3 FullFeaturePhase.
 *
 * @param transit          the T bit: the initiator is ready to move to the next stage
 * @param continueFlag     the C bit: the text continues in the next PDU
 * @param currentStage     CSG
 * @param nextStage        NSG
 * @param versionMax       Version-max
 * @param versionMin       Version-min
 * @param isid             the six-byte ISID
 * @param tsih             the TSIH, 0 for a new session
 * @param initiatorTaskTag the ITT
 * @param cid              the connection ID
 * @param cmdSn            CmdSN
 * @param expStatSn        ExpStatSN
 * @param data             the login text
 */
public record LoginRequestPdu(boolean transit, boolean continueFlag, int currentStage, int nextStage,
        int versionMax, int versionMin, long isid, int tsih, int initiatorTaskTag, int cid, int cmdSn, int expStatSn,
        ByteBuffer data) implements Pdu {

    public LoginRequestPdu {
        LoginResponsePdu.checkStages(currentStage, nextStage);
        if ((isid >>> 48) != 0 || (tsih >>> 16) != 0 || (cid >>> 16) != 0 || ((versionMax | versionMin) >>> 8) != 0) {
            throw new IllegalArgumentException("ISID, TSIH, CID or version out of range");
        }
        data = Pdu.segment(data);
    }

    @Override
    public Opcode opcode() {
        return Opcode.LOGIN_REQUEST;
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    @Override
    public RawPdu toRaw() {
        Bhs h = Bhs.create(Opcode.LOGIN_REQUEST, true)
                .u8(1, LoginResponsePdu.stageFlags(transit, continueFlag, currentStage, nextStage))
                .u8(2, versionMax).u8(3, versionMin).u48(8, isid).u16(14, tsih).i32(16, initiatorTaskTag)
                .u16(20, cid).i32(24, cmdSn).i32(28, expStatSn);
        return RawPdu.of(h, data());
    }

    static LoginRequestPdu decode(Bhs h, ByteBuffer data) {
        int f = h.flags();
        return new LoginRequestPdu((f & 0x80) != 0, (f & 0x40) != 0, (f >> 2) & 3, f & 3, h.u8(2), h.u8(3),
                h.u48(8), h.u16(14), h.i32(16), h.u16(20), h.i32(24), h.i32(28), data);
    }
}
