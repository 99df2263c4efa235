package io.github.scsiemu.iscsi.pdu;

import io.github.scsiemu.api.Lun;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Text Response (RFC 7143 11.11).
 *
 * @param finalFlag         the F bit
 * @param continueFlag      the C bit
 * @param lun               the LUN
 * @param initiatorTaskTag  the ITT of the request
 * @param targetTransferTag 0xFFFFFFFF when complete, else a tag the initiator returns to continue
 * @param statSn            StatSN
 * @param expCmdSn          ExpCmdSN
 * @param maxCmdSn          MaxCmdSN
 * @param data              the text
 */
public record TextResponsePdu(boolean finalFlag, boolean continueFlag, Lun lun, int initiatorTaskTag,
        int targetTransferTag, int statSn, int expCmdSn, int maxCmdSn, ByteBuffer data) implements Pdu, StatusSequencedPdu {

    public TextResponsePdu {
        Objects.requireNonNull(lun, "lun");
        data = Pdu.segment(data);
    }

    @Override
    public Opcode opcode() {
        return Opcode.TEXT_RESPONSE;
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    @Override
    public RawPdu toRaw() {
        Bhs h = Bhs.create(Opcode.TEXT_RESPONSE, false).u8(1, (finalFlag ? 0x80 : 0) | (continueFlag ? 0x40 : 0))
                .lun(lun).i32(16, initiatorTaskTag).i32(20, targetTransferTag).i32(24, statSn).i32(28, expCmdSn)
                .i32(32, maxCmdSn);
        return RawPdu.of(h, data());
    }

    static TextResponsePdu decode(Bhs h, ByteBuffer data) {
        return new TextResponsePdu(h.flag(0x80), h.flag(0x40), h.lun(), h.i32(16), h.i32(20), h.i32(24), h.i32(28),
                h.i32(32), data);
    }
}
