package io.github.scsiemu.iscsi.pdu;

import io.github.scsiemu.api.Lun;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * SCSI Data-Out (RFC 7143 11.7): unsolicited data (TTT 0xFFFFFFFF) or data solicited by an R2T.
 *
 * @param finalFlag         the F bit: last PDU of the sequence
 * @param lun               the LUN
 * @param initiatorTaskTag  the ITT of the command
 * @param targetTransferTag the R2T's TTT, or 0xFFFFFFFF
 * @param expStatSn         ExpStatSN
 * @param dataSn            DataSN within the sequence
 * @param bufferOffset      the offset of this data in the command's buffer
 * @param data              the data
 */
public record DataOutPdu(boolean finalFlag, Lun lun, int initiatorTaskTag, int targetTransferTag, int expStatSn,
        int dataSn, int bufferOffset, ByteBuffer data) implements Pdu {

    public DataOutPdu {
        Objects.requireNonNull(lun, "lun");
        data = Pdu.segment(data);
    }

    @Override
    public Opcode opcode() {
        return Opcode.DATA_OUT;
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    @Override
    public RawPdu toRaw() {
        Bhs h = Bhs.create(Opcode.DATA_OUT, false).u8(1, finalFlag ? Bhs.FINAL : 0).lun(lun)
                .i32(16, initiatorTaskTag).i32(20, targetTransferTag).i32(28, expStatSn).i32(36, dataSn)
                .i32(40, bufferOffset);
        return RawPdu.of(h, data());
    }

    static DataOutPdu decode(Bhs h, ByteBuffer data) {
        return new DataOutPdu(h.flag(Bhs.FINAL), h.lun(), h.i32(16), h.i32(20), h.i32(28), h.i32(36), h.i32(40),
                data);
    }
}
