package io.github.scsiemu.iscsi.pdu;

import io.github.scsiemu.api.Lun;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * SCSI Data-In (RFC 7143 11.7). With the S bit it also carries the command's status (phase collapse), the residual
 * flags and count, and advances StatSN.
 *
 * @param finalFlag         the F bit: last PDU of the sequence
 * @param acknowledge       the A bit (DataACK requested; never at error recovery level 0)
 * @param overflow          the O bit (only with S)
 * @param underflow         the U bit (only with S)
 * @param statusPresent     the S bit
 * @param status            the SCSI status (only with S)
 * @param lun               the LUN
 * @param initiatorTaskTag  the ITT
 * @param targetTransferTag 0xFFFFFFFF unless A is set
 * @param statSn            StatSN (only with S)
 * @param expCmdSn          ExpCmdSN
 * @param maxCmdSn          MaxCmdSN
 * @param dataSn            DataSN, counting from 0 per command
 * @param bufferOffset      the offset of this data in the command's buffer
 * @param residualCount     the Residual Count (only with S)
 * @param data              the data
 */
public record DataInPdu(boolean finalFlag, boolean acknowledge, boolean overflow, boolean underflow,
        boolean statusPresent, int status, Lun lun, int initiatorTaskTag, int targetTransferTag, int statSn,
        int expCmdSn, int maxCmdSn, int dataSn, int bufferOffset, int residualCount, ByteBuffer data)
        implements Pdu, StatusSequencedPdu {

    public DataInPdu {
        Objects.requireNonNull(lun, "lun");
        if ((status >>> 8) != 0) {
            throw new IllegalArgumentException("status is a byte");
        }
        data = Pdu.segment(data);
    }

    @Override
    public Opcode opcode() {
        return Opcode.DATA_IN;
    }

    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    @Override
    public RawPdu toRaw() {
        int flags = (finalFlag ? Bhs.FINAL : 0) | (acknowledge ? 0x40 : 0) | (overflow ? 0x04 : 0)
                | (underflow ? 0x02 : 0) | (statusPresent ? 0x01 : 0);
        Bhs h = Bhs.create(Opcode.DATA_IN, false).u8(1, flags).u8(3, status).lun(lun).i32(16, initiatorTaskTag)
                .i32(20, targetTransferTag).i32(24, statSn).i32(28, expCmdSn).i32(32, maxCmdSn).i32(36, dataSn)
                .i32(40, bufferOffset).i32(44, residualCount);
        return RawPdu.of(h, data());
    }

    static DataInPdu decode(Bhs h, ByteBuffer data) {
        return new DataInPdu(h.flag(Bhs.FINAL), h.flag(0x40), h.flag(0x04), h.flag(0x02), h.flag(0x01), h.u8(3),
                h.lun(), h.i32(16), h.i32(20), h.i32(24), h.i32(28), h.i32(32), h.i32(36), h.i32(40), h.i32(44), data);
    }
}
