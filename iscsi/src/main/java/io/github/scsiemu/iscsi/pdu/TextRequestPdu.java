package io.github.scsiemu.iscsi.pdu;

import io.github.scsiemu.api.Lun;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Text Request (RFC 7143 11.10), e.g. SendTargets.
 *
 * @param immediate         the I bit
 * @param finalFlag         the F bit
 * @param continueFlag      the C bit
 * @param lun               the LUN (reserved unless a key needs it)
 * @param initiatorTaskTag  the ITT
 * @param targetTransferTag 0xFFFFFFFF, or the target's TTT when continuing a long response
 * @param cmdSn             CmdSN
 * @param expStatSn         ExpStatSN
 * @param data              the text
 */
public record TextRequestPdu(boolean immediate, boolean finalFlag, boolean continueFlag, Lun lun,
        int initiatorTaskTag, int targetTransferTag, int cmdSn, int expStatSn, ByteBuffer data) implements Pdu {

    public TextRequestPdu {
        Objects.requireNonNull(lun, "lun");
        data = Pdu.segment(data);
    }

    @Override
    public Opcode opcode() {
        return Opcode.TEXT_REQUEST;
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    @Override
    public RawPdu toRaw() {
        Bhs h = Bhs.create(Opcode.TEXT_REQUEST, immediate).u8(1, (finalFlag ? 0x80 : 0) | (continueFlag ? 0x40 : 0))
                .lun(lun).i32(16, initiatorTaskTag).i32(20, targetTransferTag).i32(24, cmdSn).i32(28, expStatSn);
        return RawPdu.of(h, data());
    }

    static TextRequestPdu decode(Bhs h, ByteBuffer data) {
        return new TextRequestPdu(h.immediate(), h.flag(0x80), h.flag(0x40), h.lun(), h.i32(16), h.i32(20),
                h.i32(24), h.i32(28), data);
    }
}
