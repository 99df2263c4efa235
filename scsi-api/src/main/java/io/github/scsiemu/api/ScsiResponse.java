package io.github.scsiemu.api;

import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseFormat;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one command (SAM-5 5.1): status, the data-in bytes actually transferred, sense data for CHECK
 * CONDITION (or deferred errors) in the format the logical unit uses, and the residuals a transport reports.
 *
 * <p>Residuals are signed: positive is an underflow (fewer bytes moved than the application client's buffer
 * allowed), negative an overflow (the device server had more to move than the buffer allowed).
 *
 * <p>{@code terminated} marks a task that was aborted by a task management function or another nexus's action
 * and for which SAM-5 requires that no status be returned at all; a transport sends nothing for it.
 *
 * @param status          the status
 * @param dataIn          the data-in bytes transferred (position to limit); empty when none
 * @param sense           the sense data, present with CHECK CONDITION
 * @param senseFormat     the format in which {@link #senseBytes()} encodes the sense data (the D_SENSE bit)
 * @param dataInResidual  the data-in residual
 * @param dataOutResidual the data-out residual
 * @param terminated      the task was aborted and returns no status
 */
public record ScsiResponse(Status status, ByteBuffer dataIn, Optional<SenseData> sense, SenseFormat senseFormat,
        int dataInResidual, int dataOutResidual, boolean terminated) {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    public ScsiResponse {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(dataIn, "dataIn");
        Objects.requireNonNull(sense, "sense");
        Objects.requireNonNull(senseFormat, "senseFormat");
    }

    /** GOOD status with no data. */
    public static ScsiResponse good() {
        return new ScsiResponse(Status.GOOD, EMPTY, Optional.empty(), SenseFormat.FIXED, 0, 0, false);
    }

    /** CHECK CONDITION with the given sense data, encoded in {@code format}. */
    public static ScsiResponse checkCondition(SenseData sense, SenseFormat format, int dataInResidual,
            int dataOutResidual) {
        return new ScsiResponse(Status.CHECK_CONDITION, EMPTY, Optional.of(sense), format, dataInResidual,
                dataOutResidual, false);
    }

    /** A status without data or sense, such as RESERVATION CONFLICT or BUSY. */
    public static ScsiResponse status(Status status, int dataInResidual, int dataOutResidual) {
        return new ScsiResponse(status, EMPTY, Optional.empty(), SenseFormat.FIXED, dataInResidual, dataOutResidual,
                false);
    }

    /** The response of a task that was aborted and returns no status (see the class description). */
    public static ScsiResponse terminatedTask() {
        return new ScsiResponse(Status.TASK_ABORTED, EMPTY, Optional.empty(), SenseFormat.FIXED, 0, 0, true);
    }

    /** The sense data encoded as the logical unit reports it; empty if there is none. */
    public byte[] senseBytes() {
        return sense.map(s -> s.encode(senseFormat)).orElse(new byte[0]);
    }

    /** A copy of the transferred data-in bytes. */
    public byte[] dataInBytes() {
        ByteBuffer d = dataIn.duplicate();
        byte[] b = new byte[d.remaining()];
        d.get(b);
        return b;
    }

    /** Whether the status is GOOD. */
    public boolean isGood() {
        return status == Status.GOOD;
    }
}
