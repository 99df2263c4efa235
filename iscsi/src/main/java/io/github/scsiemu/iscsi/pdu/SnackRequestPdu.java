package io.github.scsiemu.iscsi.pdu;

import io.github.scsiemu.api.Lun;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * SNACK Request (RFC 7143 11.16): asks for PDUs to be resent (error recovery levels above 0).
 *
 * @param type              0 Data/R2T, 1 Status, 2 DataACK, 3 R-Data
 * @param lun               the LUN
 * @param initiatorTaskTag  the ITT, or 0xFFFFFFFF for status SNACKs
 * @param targetTransferTag the TTT (DataACK and R-Data)
 * @param expStatSn         ExpStatSN
 * @param begRun            the first DataSN, R2TSN or StatSN wanted
 * @param runLength         how many, 0 for all from BegRun
 */
public record SnackRequestPdu(int type, Lun lun, int initiatorTaskTag, int targetTransferTag, int expStatSn,
        int begRun, int runLength) implements Pdu {

    public SnackRequestPdu {
        Objects.requireNonNull(lun, "lun");
        if ((type >>> 4) != 0) {
            throw new IllegalArgumentException("type is four bits");
        }
    }

    @Override
    public Opcode opcode() {
        return Opcode.SNACK_REQUEST;
    }

    @Override
    public ByteBuffer data() {
        return Pdu.empty();
    }

    @Override
    public RawPdu toRaw() {
        Bhs h = Bhs.create(Opcode.SNACK_REQUEST, false).u8(1, Bhs.FINAL | type).lun(lun).i32(16, initiatorTaskTag)
                .i32(20, targetTransferTag).i32(28, expStatSn).i32(40, begRun).i32(44, runLength);
        return RawPdu.of(h, Pdu.empty());
    }

    static SnackRequestPdu decode(Bhs h) {
        return new SnackRequestPdu(h.flags() & 0x0F, h.lun(), h.i32(16), h.i32(20), h.i32(28), h.i32(40), h.i32(44));
    }
}
