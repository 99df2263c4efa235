package io.github.scsiemu.iscsi.pdu;

import io.github.scsiemu.api.Lun;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * NOP-In (RFC 7143 11.19): the answer to a ping (ITT of the NOP-Out, StatSN advanced), or a target ping or window
 * update (ITT 0xFFFFFFFF, StatSN not advanced).
 *
 * @param lun               the LUN
 * @param initiatorTaskTag  the ITT of the NOP-Out answered, or 0xFFFFFFFF
 * @param targetTransferTag 0xFFFFFFFF, or a tag when the target wants an answer
 * @param statSn            StatSN
 * @param expCmdSn          ExpCmdSN
 * @param maxCmdSn          MaxCmdSN
 * @param data              the echoed ping data
 */
public record NopInPdu(Lun lun, int initiatorTaskTag, int targetTransferTag, int statSn, int expCmdSn, int maxCmdSn,
        ByteBuffer data) implements Pdu, StatusSequencedPdu {

    public NopInPdu {
        Objects.requireNonNull(lun, "lun");
        data = Pdu.segment(data);
    }

    @Override
    public Opcode opcode() {
        return Opcode.NOP_IN;
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    @Override
    public RawPdu toRaw() {
        Bhs h = Bhs.create(Opcode.NOP_IN, false).u8(1, Bhs.FINAL).lun(lun).i32(16, initiatorTaskTag)
                .i32(20, targetTransferTag).i32(24, statSn).i32(28, expCmdSn).i32(32, maxCmdSn);
        return RawPdu.of(h, data());
    }

    static NopInPdu decode(Bhs h, ByteBuffer data) {
        return new NopInPdu(h.lun(), h.i32(16), h.i32(20), h.i32(24), h.i32(28), h.i32(32), data);
    }
}
