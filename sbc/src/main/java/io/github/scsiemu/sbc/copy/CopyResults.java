package io.github.scsiemu.sbc.copy;

import io.github.scsiemu.sense.SenseData;
import io.github.scsiemu.sense.SenseFormat;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * What a copy manager holds about one EXTENDED COPY (LID1) command for RECEIVE COPY RESULTS (SPC-4 third-party copy): its
 * progress or outcome for COPY STATUS (SPC-4 RECEIVE COPY STATUS(LID1)) and, after a failure, its sense data for FAILED SEGMENT DETAILS
 * (SPC-4 RECEIVE COPY FAILURE DETAILS(LID1)).
 *
 * @param status            the COPY MANAGER STATUS
 * @param segmentsProcessed the SEGMENTS PROCESSED: segments whose processing began, the current one included
 * @param bytesTransferred  the bytes written to copy destinations so far
 * @param failure           the sense data the command ended with, if it failed
 */
public record CopyResults(CopyManagerStatus status, int segmentsProcessed, long bytesTransferred,
        Optional<SenseData> failure) {

    /** The COPY MANAGER STATUS field (SPC-4 RECEIVE COPY STATUS(LID1)). */
    public enum CopyManagerStatus {
        /** 00h: the operation is in progress. */
        IN_PROGRESS,
        /** 01h: the operation completed without errors. */
        COMPLETED_WITHOUT_ERRORS,
        /** 02h: the operation completed with errors. */
        COMPLETED_WITH_ERRORS;

        /** The field value. */
        public int code() {
            return ordinal();
        }
    }

    /** The CHECK CONDITION status byte, as FAILED SEGMENT DETAILS reports the command's status. */
    private static final int CHECK_CONDITION = 0x02;

    public CopyResults {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(failure, "failure");
        if (failure.isPresent() != (status == CopyManagerStatus.COMPLETED_WITH_ERRORS)) {
            throw new IllegalArgumentException("sense data goes with a failed copy and only with it");
        }
    }

    /** A copy that has just begun. */
    static CopyResults started() {
        return new CopyResults(CopyManagerStatus.IN_PROGRESS, 0, 0, Optional.empty());
    }

    CopyResults processing(int segments) {
        return new CopyResults(status, segments, bytesTransferred, failure);
    }

    CopyResults transferred(long bytes) {
        return new CopyResults(status, segmentsProcessed, bytesTransferred + bytes, failure);
    }

    CopyResults succeeded() {
        return new CopyResults(CopyManagerStatus.COMPLETED_WITHOUT_ERRORS, segmentsProcessed, bytesTransferred,
                Optional.empty());
    }

    CopyResults failed(SenseData sense) {
        return new CopyResults(CopyManagerStatus.COMPLETED_WITH_ERRORS, segmentsProcessed, bytesTransferred,
                Optional.of(sense));
    }

    /** Whether the copy is still in progress. */
    public boolean inProgress() {
        return status == CopyManagerStatus.IN_PROGRESS;
    }

    /**
     * The COPY STATUS parameter data (SPC-4 RECEIVE COPY STATUS(LID1)), 12 bytes: AVAILABLE DATA (8); HDD zero (no held
     * data is ever discarded: this copy manager holds none) and COPY MANAGER STATUS; SEGMENTS PROCESSED; TRANSFER
     * COUNT UNITS, the smallest power of 1024 (00h bytes to 05h pebibytes) in which TRANSFER COUNT fits 32 bits; the
     * TRANSFER COUNT, rounded down.
     */
    public byte[] copyStatus() {
        int units = 0;
        while (bytesTransferred >>> (10 * units) > 0xFFFF_FFFFL) {
            units++;
        }
        ByteBuffer b = ByteBuffer.allocate(12);
        b.putInt(0, 8);
        b.put(4, (byte) status.code());
        b.putShort(5, (short) Math.min(segmentsProcessed, 0xFFFF));
        b.put(7, (byte) units);
        b.putInt(8, (int) (bytesTransferred >>> (10 * units)));
        return b.array();
    }

    /**
     * The FAILED SEGMENT DETAILS parameter data (SPC-4 RECEIVE COPY FAILURE DETAILS(LID1)): for a failed copy, AVAILABLE DATA, 52
     * reserved bytes, the EXTENDED COPY COMMAND STATUS (CHECK CONDITION), the SENSE DATA LENGTH and the sense data
     * in the given format; for a copy in progress or one that succeeded, AVAILABLE DATA zero and nothing else.
     *
     * @param format the sense data format the logical unit uses now (D_SENSE)
     */
    public byte[] failedSegmentDetails(SenseFormat format) {
        if (failure.isEmpty()) {
            return new byte[4];
        }
        byte[] sense = failure.get().encode(format);
        ByteBuffer b = ByteBuffer.allocate(60 + sense.length);
        b.putInt(0, 56 + sense.length);
        b.put(56, (byte) CHECK_CONDITION);
        b.putShort(58, (short) sense.length);
        b.put(60, sense);
        return b.array();
    }
}
