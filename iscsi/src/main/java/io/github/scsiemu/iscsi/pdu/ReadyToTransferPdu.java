package io.github.scsiemu.iscsi.pdu;

import io.github.scsiemu.api.Lun;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Ready To Transfer, R2T (RFC 7143 11.8): solicits a sequence of Data-Out. StatSN is the next StatSN, not advanced.
 *
 * @param lun                       the LUN
 * @param initiatorTaskTag          the ITT of the command
 * @param targetTransferTag         the tag the Data-Out PDUs of the sequence carry
 * @param statSn                    StatSN
 * @param expCmdSn                  ExpCmdSN
 * @param maxCmdSn                  MaxCmdSN
 * @param r2tSn                     R2TSN, counting from 0 per command
 * @param bufferOffset              where the solicited data starts
 * @param desiredDataTransferLength how many bytes are solicited (at most MaxBurstLength)
 */
public record ReadyToTransferPdu(Lun lun, int initiatorTaskTag, int targetTransferTag, int statSn, int expCmdSn,
        int maxCmdSn, int r2tSn, int bufferOffset, int desiredDataTransferLength) implements Pdu {

    public ReadyToTransferPdu {
        Objects.requireNonNull(lun, "lun");
    }

    @Override
    public Opcode opcode() {
        return Opcode.READY_TO_TRANSFER;
    }

    @Override
    public ByteBuffer data() {
        return Pdu.empty();
    }

    @Override
    public RawPdu toRaw() {
        Bhs h = Bhs.create(Opcode.READY_TO_TRANSFER, false).u8(1, Bhs.FINAL).lun(lun).i32(16, initiatorTaskTag)
                .i32(20, targetTransferTag).i32(24, statSn).i32(28, expCmdSn).i32(32, maxCmdSn).i32(36, r2tSn)
                .i32(40, bufferOffset).i32(44, desiredDataTransferLength);
        return RawPdu.of(h, Pdu.empty());
    }

    static ReadyToTransferPdu decode(Bhs h) {
        return new ReadyToTransferPdu(h.lun(), h.i32(16), h.i32(20), h.i32(24), h.i32(28), h.i32(32), h.i32(36),
                h.i32(40), h.i32(44));
    }
}
