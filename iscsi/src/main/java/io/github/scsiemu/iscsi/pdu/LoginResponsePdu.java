package io.github.scsiemu.iscsi.pdu;

import java.nio.ByteBuffer;

/**
 * Login Response (RFC 7143 11.13).
 *
 * @param transit          the T bit
 * @param continueFlag     the C bit
 * @param currentStage     CSG
 * @param nextStage        NSG
 * @param versionMax       Version-max
 * @param versionActive    Version-active
 * @param isid             the ISID of the request
 * @param tsih             the TSIH (non-zero in the final response of a new session)
 * @param initiatorTaskTag the ITT
 * @param statSn           StatSN
 * @param expCmdSn         ExpCmdSN
 * @param maxCmdSn         MaxCmdSN
 * @param statusClass      Status-Class (0 success, 1 redirection, 2 initiator error, 3 target error)
 * @param statusDetail     Status-Detail
 * @param data             the login text
 */
public record LoginResponsePdu(boolean transit, boolean continueFlag, int currentStage, int nextStage,
        int versionMax, int versionActive, long isid, int tsih, int initiatorTaskTag, int statSn, int expCmdSn,
        int maxCmdSn, int statusClass, int statusDetail, ByteBuffer data) implements Pdu {

    public LoginResponsePdu {
        checkStages(currentStage, nextStage);
        if ((isid >>> 48) != 0 || (tsih >>> 16) != 0 || ((versionMax | versionActive | statusClass | statusDetail)
                >>> 8) != 0) {
            throw new IllegalArgumentException("ISID, TSIH, version or status out of range");
        }
        data = Pdu.segment(data);
    }

    static void checkStages(int csg, int nsg) {
        if ((csg >>> 2) != 0 || (nsg >>> 2) != 0) {
            throw new IllegalArgumentException("stages are two bits");
        }
    }

    static int stageFlags(boolean transit, boolean cont, int csg, int nsg) {
        return (transit ? 0x80 : 0) | (cont ? 0x40 : 0) | csg << 2 | nsg;
    }

    /** The two status bytes as one number, e.g. 0x0201 for an authentication failure. */
    public int status() {
        return statusClass << 8 | statusDetail;
    }

    @Override
    public Opcode opcode() {
        return Opcode.LOGIN_RESPONSE;
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    @Override
    public RawPdu toRaw() {
        Bhs h = Bhs.create(Opcode.LOGIN_RESPONSE, false)
                .u8(1, stageFlags(transit, continueFlag, currentStage, nextStage)).u8(2, versionMax)
                .u8(3, versionActive).u48(8, isid).u16(14, tsih).i32(16, initiatorTaskTag).i32(24, statSn)
                .i32(28, expCmdSn).i32(32, maxCmdSn).u8(36, statusClass).u8(37, statusDetail);
        return RawPdu.of(h, data());
    }

    static LoginResponsePdu decode(Bhs h, ByteBuffer data) {
        int f = h.flags();
        return new LoginResponsePdu((f & 0x80) != 0, (f & 0x40) != 0, (f >> 2) & 3, f & 3, h.u8(2), h.u8(3),
                h.u48(8), h.u16(14), h.i32(16), h.i32(24), h.i32(28), h.i32(32), h.u8(36), h.u8(37), data);
    }
}
