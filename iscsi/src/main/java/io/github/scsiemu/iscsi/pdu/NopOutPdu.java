package io.github.scsiemu.iscsi.pdu;

import io.github.scsiemu.api.Lun;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * NOP-Out (RFC 7143 11.18): a ping (ITT not 0xFFFFFFFF, answered by NOP-In), the answer to a target's ping, or a
 * heartbeat.
 *
 * @param immediate         the I bit
 * @param lun               the LUN (echoed from a target ping)
 * @param initiatorTaskTag  the ITT; 0xFFFFFFFF when no answer is wanted
 * @param targetTransferTag the TTT of the NOP-In answered, or 0xFFFFFFFF
 * @param cmdSn             CmdSN
 * @param expStatSn         ExpStatSN
 * @param data              ping data
 */
public record NopOutPdu(boolean immediate, Lun lun, int initiatorTaskTag, int targetTransferTag, int cmdSn,
        int expStatSn, ByteBuffer data) implements Pdu {

    public NopOutPdu {
        Objects.requireNonNull(lun, "lun");
        data = Pdu.segment(data);
    }

    @Override
    public Opcode opcode() {
        return Opcode.NOP_OUT;
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    @Override
    public RawPdu toRaw() {
        Bhs h = Bhs.create(Opcode.NOP_OUT, immediate).u8(1, Bhs.FINAL).lun(lun).i32(16, initiatorTaskTag)
                .i32(20, targetTransferTag).i32(24, cmdSn).i32(28, expStatSn);
        return RawPdu.of(h, data());
    }

    static NopOutPdu decode(Bhs h, ByteBuffer data) {
        return new NopOutPdu(h.immediate(), h.lun(), h.i32(16), h.i32(20), h.i32(24), h.i32(28), data);
    }
}
