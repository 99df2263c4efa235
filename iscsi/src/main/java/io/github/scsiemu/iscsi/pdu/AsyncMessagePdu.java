package io.github.scsiemu.iscsi.pdu;

import io.github.scsiemu.api.Lun;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Asynchronous Message (RFC 7143 11.9). The ITT is always 0xFFFFFFFF.
 *
 * @param lun        the LUN (for SCSI asynchronous events)
 * @param statSn     StatSN
 * @param expCmdSn   ExpCmdSN
 * @param maxCmdSn   MaxCmdSN
 * @param asyncEvent 0 SCSI event, 1 logout requested, 2 connection drop, 3 session drop, 4 renegotiation, 255
 *                   vendor specific
 * @param asyncVCode the vendor code
 * @param parameter1 Parameter1
 * @param parameter2 Parameter2
 * @param parameter3 Parameter3
 * @param data       sense data and iSCSI event data
 */
public record AsyncMessagePdu(Lun lun, int statSn, int expCmdSn, int maxCmdSn, int asyncEvent, int asyncVCode,
        int parameter1, int parameter2, int parameter3, ByteBuffer data) implements Pdu {

    public AsyncMessagePdu {
        Objects.requireNonNull(lun, "lun");
        if (((asyncEvent | asyncVCode) >>> 8) != 0 || ((parameter1 | parameter2 | parameter3) >>> 16) != 0) {
            throw new IllegalArgumentException("event and code are bytes, parameters sixteen bits");
        }
        data = Pdu.segment(data);
    }

    @Override
    public Opcode opcode() {
        return Opcode.ASYNC_MESSAGE;
    }

    @Override
    public int initiatorTaskTag() {
        return RESERVED_TAG;
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    @Override
    public RawPdu toRaw() {
        Bhs h = Bhs.create(Opcode.ASYNC_MESSAGE, false).u8(1, Bhs.FINAL).lun(lun).i32(16, RESERVED_TAG)
                .i32(24, statSn).i32(28, expCmdSn).i32(32, maxCmdSn).u8(36, asyncEvent).u8(37, asyncVCode)
                .u16(38, parameter1).u16(40, parameter2).u16(42, parameter3);
        return RawPdu.of(h, data());
    }

    static AsyncMessagePdu decode(Bhs h, ByteBuffer data) {
        return new AsyncMessagePdu(h.lun(), h.i32(24), h.i32(28), h.i32(32), h.u8(36), h.u8(37), h.u16(38),
                h.u16(40), h.u16(42), data);
    }
}
