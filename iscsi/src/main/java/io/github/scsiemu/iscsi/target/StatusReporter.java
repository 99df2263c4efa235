package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.api.ScsiResponse;
import io.github.scsiemu.api.Status;
import io.github.scsiemu.iscsi.pdu.DataInPdu;
import io.github.scsiemu.iscsi.pdu.Pdu;
import io.github.scsiemu.iscsi.pdu.ScsiCommandPdu;
import io.github.scsiemu.iscsi.pdu.ScsiResponsePdu;
import io.github.scsiemu.iscsi.text.OperationalParameters;
import java.nio.ByteBuffer;

/**
 * Returns a command's outcome to the initiator (RFC 7143 10.7 and 11.4): data-in as Data-In PDUs no longer than
 * the initiator's MaxRecvDataSegmentLength, F at the end of every MaxBurstLength sequence, and status either in the
 * last Data-In (phase collapse, GOOD or CONDITION MET without sense) or in a SCSI Response carrying SenseLength and
 * the sense data. Residual flags and counts come from the logical unit's residuals: the data-out residual for
 * commands with the W bit, the data-in residual otherwise, and the data-in residual as the bidirectional read
 * residual when both bits are set.
 */
final class StatusReporter {
    private StatusReporter() {
    }

    /** Queues every PDU that reports {@code response} for the task. */
    static void report(Outbound out, OperationalParameters params, TargetTask task, ScsiResponse response) {
        ScsiCommandPdu c = task.command;
        ByteBuffer data = response.dataIn();
        int total = data.remaining();
        int residual = c.write() ? response.dataOutResidual() : response.dataInResidual();
        int bidiResidual = c.write() && c.read() ? response.dataInResidual() : 0;
        boolean collapse = total > 0 && !(c.read() && c.write()) && response.sense().isEmpty()
                && (response.status() == Status.GOOD || response.status() == Status.CONDITION_MET);
        int segment = params.maxSendDataSegmentLength();
        int burst = params.maxBurstLength();
        int offset = 0;
        int dataSn = 0;
        int inBurst = 0;
        while (offset < total) {
            int length = Math.min(segment, Math.min(total - offset, burst - inBurst));
            boolean last = offset + length == total;
            inBurst += length;
            boolean sequenceEnd = last || inBurst == burst;
            if (inBurst == burst) {
                inBurst = 0;
            }
            ByteBuffer slice = data.slice(data.position() + offset, length);
            int sn = dataSn++;
            int bufferOffset = offset;
            if (last && collapse) {
                out.send((statSn, exp, max) -> new DataInPdu(true, false, residual < 0, residual > 0, true,
                        response.status().code(), c.lun(), c.initiatorTaskTag(), Pdu.RESERVED_TAG, statSn, exp, max,
                        sn, bufferOffset, Math.abs(residual), slice), true);
            } else {
                out.send((statSn, exp, max) -> new DataInPdu(sequenceEnd, false, false, false, false, 0, c.lun(),
                        c.initiatorTaskTag(), Pdu.RESERVED_TAG, 0, exp, max, sn, bufferOffset, 0, slice), false);
            }
            offset += length;
        }
        if (!collapse) {
            int expDataSn = dataSn;
            ByteBuffer sense = ScsiResponsePdu.senseSegment(response.senseBytes());
            out.send((statSn, exp, max) -> new ScsiResponsePdu(bidiResidual < 0, bidiResidual > 0, residual < 0,
                    residual > 0, 0, response.status().code(), c.initiatorTaskTag(), 0, statSn, exp, max, expDataSn,
                    Math.abs(bidiResidual), Math.abs(residual), sense), true);
        }
    }
}
