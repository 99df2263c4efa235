package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.api.Lun;
import io.github.scsiemu.iscsi.pdu.DataOutPdu;
import io.github.scsiemu.iscsi.pdu.FramingException;
import io.github.scsiemu.iscsi.pdu.Pdu;
import io.github.scsiemu.iscsi.pdu.ScsiCommandPdu;
import io.github.scsiemu.iscsi.text.OperationalParameters;
import io.github.scsiemu.sense.AdditionalSense;
import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One SCSI task on the target (RFC 7143 3.2.4 and 10.7): collects its data-out from immediate data, unsolicited
 * Data-Out and R2T-solicited sequences, checking DataSN, Buffer Offset and burst limits, and tracks whether it is
 * receiving, running, done or aborted. A Data-Out that breaks the sequence rules fails the task rather than the
 * connection: at error recovery level 0 the target cannot recover the data (RFC 7143 7.1.4.1), so the command ends
 * with CHECK CONDITION, ABORTED COMMAND and a DATA PHASE ERROR code (SPC-4 4.5.6: 4Bh/00h for a DataSN gap,
 * 4Bh/01h for an unknown Target Transfer Tag, 4Bh/02h for data beyond what was solicited, 4Bh/05h for a wrong
 * Buffer Offset), and the rest of its Data-Out is read and discarded. Data-out reception runs on the connection's reader thread; state changes
 * are synchronized on the task.
 */
final class TargetTask {
    /** Where the task is in its life. */
    enum State {
        RECEIVING,
        RUNNING,
        DONE,
        ABORTED
    }

    /** One outstanding R2T: the sequence of Data-Out it solicits. */
    record Solicitation(int targetTransferTag, int r2tSn, int offset, int length) {
    }

    final ScsiCommandPdu command;
    final int itt;
    final Lun lun;
    final int edtl;
    /** Bytes of data-out to collect: EDTL for commands with the W bit, else 0. */
    private final int writeLength;
    private final ByteBuffer buffer;
    private final OperationalParameters params;
    private State state = State.RECEIVING;
    private boolean ordered;
    private boolean unsolicitedDone;
    private int unsolicitedEnd;
    private int unsolicitedDataSn;
    private int nextR2tOffset;
    private int r2tSn;
    private final Map<Integer, Solicitation> outstanding = new LinkedHashMap<>();
    private final Map<Integer, int[]> progress = new LinkedHashMap<>(); // TTT -> {next offset, next DataSN}
    private SenseData failure;
    private boolean dataDigestError;

    static final AdditionalSense INVALID_TARGET_PORT_TRANSFER_TAG = new AdditionalSense(0x4B, 0x01);
    static final AdditionalSense TOO_MUCH_WRITE_DATA = new AdditionalSense(0x4B, 0x02);
    static final AdditionalSense DATA_OFFSET_ERROR = new AdditionalSense(0x4B, 0x05);
    /** PROTOCOL SERVICE CRC ERROR (SPC-4 D.2), the iSCSI Condition of RFC 7143 11.4.7.2 for a data digest error. */
    static final AdditionalSense PROTOCOL_SERVICE_CRC_ERROR = new AdditionalSense(0x47, 0x05);

    /**
     * A task for a command whose immediate data has been checked by the caller.
     *
     * @param command the command
     * @param params  the connection's operational parameters
     * @param edtl    the expected data transfer length (already limited by the caller)
     */
    TargetTask(ScsiCommandPdu command, OperationalParameters params, int edtl) throws FramingException {
        this.command = command;
        this.itt = command.initiatorTaskTag();
        this.lun = command.lun();
        this.params = params;
        this.edtl = edtl;
        this.writeLength = command.write() ? edtl : 0;
        this.buffer = command.write() ? ByteBuffer.allocate(edtl) : ByteBuffer.allocate(0);
        ByteBuffer immediate = command.data();
        if (immediate.hasRemaining()) {
            if (!command.write() || !params.immediateData() || immediate.remaining() > params.firstBurstLength()) {
                throw new FramingException("immediate data not allowed or beyond FirstBurstLength");
            }
            copy(0, immediate);
        }
        unsolicitedEnd = immediate.remaining();
        unsolicitedDone = !command.write() || command.finalFlag();
        if (!unsolicitedDone && params.initialR2T()) {
            throw new FramingException("unsolicited Data-Out announced (F=0) with InitialR2T=Yes");
        }
        nextR2tOffset = unsolicitedDone ? unsolicitedEnd : -1;
    }

    private void copy(int offset, ByteBuffer data) {
        int n = Math.max(0, Math.min(data.remaining(), edtl - offset));
        buffer.put(offset, data, data.position(), n);
    }

    /**
     * Takes one Data-Out PDU of this task; one that breaks the sequence rules fails the task (see the class
     * description), and once failed the task discards its data.
     */
    void receive(DataOutPdu d) {
        if (failure != null) {
            return;
        }
        int length = d.data().remaining();
        if (d.targetTransferTag() == Pdu.RESERVED_TAG) {
            if (unsolicitedDone) {
                fail(TOO_MUCH_WRITE_DATA);
            } else if (d.dataSn() != unsolicitedDataSn) {
                fail(AdditionalSense.DATA_PHASE_ERROR);
            } else if (d.bufferOffset() != unsolicitedEnd) {
                fail(DATA_OFFSET_ERROR);
            } else if ((long) unsolicitedEnd + length > Math.min(params.firstBurstLength(),
                    Integer.toUnsignedLong(command.expectedDataTransferLength()))) {
                fail(TOO_MUCH_WRITE_DATA);
            } else {
                copy(unsolicitedEnd, d.data());
                unsolicitedEnd += length;
                unsolicitedDataSn++;
                if (d.finalFlag()) {
                    unsolicitedDone = true;
                    nextR2tOffset = unsolicitedEnd;
                }
            }
            return;
        }
        Solicitation s = outstanding.get(d.targetTransferTag());
        if (s == null) {
            fail(INVALID_TARGET_PORT_TRANSFER_TAG);
            return;
        }
        int[] p = progress.get(s.targetTransferTag());
        if (d.dataSn() != p[1]) {
            fail(AdditionalSense.DATA_PHASE_ERROR);
        } else if (d.bufferOffset() != p[0]) {
            fail(DATA_OFFSET_ERROR);
        } else if ((long) p[0] + length > (long) s.offset() + s.length()
                || (d.finalFlag() && p[0] + length != s.offset() + s.length())) {
            fail(TOO_MUCH_WRITE_DATA);
        } else {
            copy(p[0], d.data());
            p[0] += length;
            p[1]++;
            if (d.finalFlag()) {
                outstanding.remove(s.targetTransferTag());
                progress.remove(s.targetTransferTag());
            }
        }
    }

    /**
     * Takes a Data-Out whose data digest was wrong (RFC 7143 7.8): at error recovery level 0 the target cannot ask
     * for the data again with a recovery R2T, so it terminates the task with CHECK CONDITION, ABORTED COMMAND,
     * PROTOCOL SERVICE CRC ERROR (RFC 7143 11.4.7.2), but only after all the data is in. So the PDU still counts in
     * its sequence (DataSN, Buffer Offset, F bit) while its bytes are lost.
     */
    void receiveCorrupted(DataOutPdu d) {
        receive(d);
        dataDigestError = true;
    }

    /** Fails the task: no more data is solicited or accepted, and it ends with the given DATA PHASE ERROR. */
    private void fail(AdditionalSense reason) {
        failure = SenseData.of(SenseKey.ABORTED_COMMAND, reason);
        outstanding.clear();
        progress.clear();
        unsolicitedDone = true;
        nextR2tOffset = writeLength;
    }

    /** The sense data of a failed data-out transfer (or of lost data); empty while the transfer is sound. */
    Optional<SenseData> failure() {
        if (failure == null && dataDigestError) {
            return Optional.of(SenseData.of(SenseKey.ABORTED_COMMAND, PROTOCOL_SERVICE_CRC_ERROR));
        }
        return Optional.ofNullable(failure);
    }

    /**
     * The R2Ts to send now: as many as MaxOutstandingR2T allows for data not yet solicited, each at most
     * MaxBurstLength.
     *
     * @param tags supplies fresh Target Transfer Tags
     */
    List<Solicitation> solicit(java.util.function.IntSupplier tags) {
        List<Solicitation> out = new ArrayList<>();
        if (!unsolicitedDone) {
            return out;
        }
        while (outstanding.size() < params.maxOutstandingR2T() && nextR2tOffset < writeLength) {
            int length = Math.min(params.maxBurstLength(), writeLength - nextR2tOffset);
            Solicitation s = new Solicitation(tags.getAsInt(), r2tSn++, nextR2tOffset, length);
            outstanding.put(s.targetTransferTag(), s);
            progress.put(s.targetTransferTag(), new int[] {s.offset(), 0});
            nextR2tOffset += length;
            out.add(s);
        }
        return out;
    }

    /** Whether every byte of data-out is in. */
    boolean dataComplete() {
        return unsolicitedDone && outstanding.isEmpty() && nextR2tOffset >= writeLength;
    }

    /** The data-out buffer (EDTL bytes). */
    ByteBuffer dataOut() {
        return buffer.duplicate().clear();
    }

    /** Marks the command as delivered in CmdSN order. */
    void ordered() {
        ordered = true;
    }

    /** Moves RECEIVING to RUNNING when the task is ordered and has its data; true if it did. */
    synchronized boolean startIfReady() {
        if (state == State.RECEIVING && ordered && dataComplete()) {
            state = State.RUNNING;
            return true;
        }
        return false;
    }

    /** Moves RUNNING to DONE; false if the task was aborted meanwhile. */
    synchronized boolean finish() {
        if (state == State.RUNNING) {
            state = State.DONE;
            return true;
        }
        return false;
    }

    /** Aborts the task; returns the state it was in. */
    synchronized State abort() {
        State before = state;
        if (state == State.RECEIVING || state == State.RUNNING) {
            state = State.ABORTED;
        }
        return before;
    }
}
