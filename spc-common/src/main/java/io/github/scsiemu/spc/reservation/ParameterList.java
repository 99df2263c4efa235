package io.github.scsiemu.spc.reservation;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.TransportId;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseKey;
import io.github.scsiemu.spc.CheckConditionException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The basic PERSISTENT RESERVE OUT parameter list (SPC-4 6.16.3, table 215), decoded and checked: RESERVATION KEY,
 * SERVICE ACTION RESERVATION KEY, the SPEC_I_PT, ALL_TG_PT and APTPL bits, and with SPEC_I_PT the TransportIDs.
 *
 * @param reservationKey         RESERVATION KEY (bytes 0-7)
 * @param serviceActionKey       SERVICE ACTION RESERVATION KEY (bytes 8-15)
 * @param specifyInitiatorPorts  SPEC_I_PT (byte 20 bit 3)
 * @param allTargetPorts         ALL_TG_PT (byte 20 bit 2)
 * @param aptpl                  APTPL (byte 20 bit 0)
 * @param initiatorPorts         the initiator ports the TransportIDs name (SPEC_I_PT=1), with their byte offsets
 */
public record ParameterList(long reservationKey, long serviceActionKey, boolean specifyInitiatorPorts,
        boolean allTargetPorts, boolean aptpl, List<Specified> initiatorPorts) {

    /** The largest parameter list the device server processes (SPC-4 6.16.1: larger is PARAMETER LIST LENGTH ERROR). */
    public static final int MAX_LENGTH = 64 * 1024;
    /** The length of the basic parameter list without TransportIDs. */
    public static final int BASIC_LENGTH = 24;
    /** Byte and bit of SPEC_I_PT, for field pointers. */
    static final int FLAGS_BYTE = 20;
    static final int SPEC_I_PT_BIT = 3;
    static final int ALL_TG_PT_BIT = 2;
    /** Byte of the SERVICE ACTION RESERVATION KEY, for field pointers. */
    static final int SERVICE_ACTION_KEY_BYTE = 8;

    /**
     * An initiator port named by a TransportID in the parameter data.
     *
     * @param port   the initiator port
     * @param offset the offset of its TransportID in the parameter list, for field pointers
     */
    public record Specified(InitiatorPort port, int offset) {
    }

    public ParameterList {
        initiatorPorts = List.copyOf(initiatorPorts);
    }

    /**
     * Decodes a basic parameter list, applying the length rules of SPC-4 6.16.1 and 6.16.3 in the order LIO applies
     * them: shorter than 24 bytes, SPEC_I_PT with a service action other than REGISTER, then a length other than 24
     * (or, with SPEC_I_PT, other than 28 plus TRANSPORTID PARAMETER DATA LENGTH).
     *
     * @param data          the parameter list as received
     * @param declared      the PARAMETER LIST LENGTH of the CDB
     * @param serviceAction the service action
     * @throws CheckConditionException PARAMETER LIST LENGTH ERROR or INVALID FIELD IN PARAMETER LIST
     */
    static ParameterList decode(byte[] data, long declared, OutServiceAction serviceAction) {
        if (declared < BASIC_LENGTH || declared > MAX_LENGTH || data.length < declared) {
            throw lengthError();
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        int flags = data[FLAGS_BYTE] & 0xFF;
        boolean specIPt = (flags & (1 << SPEC_I_PT_BIT)) != 0;
        if (specIPt && serviceAction != OutServiceAction.REGISTER) {
            throw CheckConditionException.invalidParameter(FLAGS_BYTE, SPEC_I_PT_BIT);
        }
        List<Specified> ports = new ArrayList<>();
        if (!specIPt) {
            if (declared != BASIC_LENGTH) {
                throw lengthError();
            }
        } else {
            if (declared < BASIC_LENGTH + 4) {
                throw lengthError();
            }
            long tidLength = b.getInt(BASIC_LENGTH) & 0xFFFF_FFFFL;
            if (BASIC_LENGTH + 4 + tidLength != declared) {
                throw lengthError();
            }
            int offset = BASIC_LENGTH + 4;
            while (offset < declared) {
                ports.add(new Specified(transportId(data, offset, (int) declared - offset), offset));
                offset += TransportId.encodedLength(data, offset);
            }
        }
        return new ParameterList(b.getLong(0), b.getLong(8), specIPt, (flags & (1 << ALL_TG_PT_BIT)) != 0,
                (flags & 1) != 0, ports);
    }

    /**
     * Decodes the TransportID at {@code offset} into the initiator port it names; an iSCSI port's name is rebuilt in
     * the canonical {@code name,i,0x<12 hex digits>} form so it equals the port a transport reports.
     *
     * @throws CheckConditionException INVALID FIELD IN PARAMETER LIST at the TransportID if it is truncated,
     *                                 malformed or of an unsupported protocol
     */
    static InitiatorPort transportId(byte[] data, int offset, int available) {
        if (available < 24 || TransportId.encodedLength(data, offset) > available) {
            throw CheckConditionException.invalidParameter(offset, 7);
        }
        int protocol = data[offset] & 0x0F;
        Optional<TransportId> decoded = TransportId.decode(data, offset, TransportId.encodedLength(data, offset));
        if (decoded.isEmpty()) {
            boolean known = protocol == 0x0 || protocol == 0x5 || protocol == 0x6;
            throw CheckConditionException.invalidParameter(offset, known ? 7 : 3);
        }
        TransportId id = decoded.get();
        if (id instanceof TransportId.Iscsi iscsi) {
            if (iscsi.isid().isEmpty()) {
                return new InitiatorPort(iscsi.name(), iscsi);
            }
            String isid = iscsi.isid().get();
            if (isid.isEmpty() || isid.length() > 12 || !isid.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw CheckConditionException.invalidParameter(offset + 4, 7);
            }
            return InitiatorPort.iscsi(iscsi.name(), Long.parseLong(isid, 16));
        }
        if (id instanceof TransportId.FibreChannel fc) {
            return new InitiatorPort(String.format("naa.%016x", fc.nPortName()), fc);
        }
        TransportId.Sas sas = (TransportId.Sas) id;
        return new InitiatorPort(String.format("naa.%016x", sas.sasAddress()), sas);
    }

    static CheckConditionException lengthError() {
        return CheckConditionException.of(SenseKey.ILLEGAL_REQUEST, AdditionalSense.PARAMETER_LIST_LENGTH_ERROR);
    }
}
