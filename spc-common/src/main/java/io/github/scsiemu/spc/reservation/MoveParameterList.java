package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.api.InitiatorPort;
import java.nio.ByteBuffer;

/**
 * The REGISTER AND MOVE parameter list (SPC-4 6.16.4, table 217): the keys, UNREG, APTPL, the RELATIVE TARGET PORT
 * IDENTIFIER of the destination and one TransportID naming the destination initiator port.
 *
 * @param reservationKey        RESERVATION KEY (bytes 0-7)
 * @param serviceActionKey      SERVICE ACTION RESERVATION KEY (bytes 8-15)
 * @param unregister            UNREG (byte 17 bit 1)
 * @param aptpl                 APTPL (byte 17 bit 0)
 * @param relativeTargetPortId  RELATIVE TARGET PORT IDENTIFIER (bytes 18-19)
 * @param destination           the initiator port the TransportID at byte 24 names
 */
public record MoveParameterList(long reservationKey, long serviceActionKey, boolean unregister, boolean aptpl,
        int relativeTargetPortId, InitiatorPort destination) {

    /** Byte of the RELATIVE TARGET PORT IDENTIFIER, for field pointers. */
    static final int RELATIVE_TARGET_PORT_BYTE = 18;
    /** Byte where the TransportID starts. */
    static final int TRANSPORT_ID_BYTE = 24;

    /**
     * Decodes and checks the lengths: at least 24 bytes, and exactly 24 plus TRANSPORTID PARAMETER DATA LENGTH.
     *
     * @throws io.github.scsiemu.spc.CheckConditionException PARAMETER LIST LENGTH ERROR or INVALID FIELD IN
     *                                                       PARAMETER LIST at a malformed TransportID
     */
    static MoveParameterList decode(byte[] data, long declared) {
        if (declared < TRANSPORT_ID_BYTE || declared > ParameterList.MAX_LENGTH || data.length < declared) {
            throw ParameterList.lengthError();
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        long tidLength = b.getInt(20) & 0xFFFF_FFFFL;
        if (TRANSPORT_ID_BYTE + tidLength != declared) {
            throw ParameterList.lengthError();
        }
        InitiatorPort destination = ParameterList.transportId(data, TRANSPORT_ID_BYTE, (int) tidLength);
        int flags = data[17] & 0xFF;
        return new MoveParameterList(b.getLong(0), b.getLong(8), (flags & 0x02) != 0, (flags & 0x01) != 0,
                b.getShort(RELATIVE_TARGET_PORT_BYTE) & 0xFFFF, destination);
    }
}
