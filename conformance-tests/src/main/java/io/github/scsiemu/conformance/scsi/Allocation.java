package io.github.scsiemu.conformance.scsi;

import io.github.scsiemu.conformance.Exchange;
import io.github.scsiemu.conformance.Expect;

/**
 * The allocation length law (SPC-4 4.2.5.6): a device server returns the first {@code min(allocation length,
 * available)} bytes of the data it would return for an unlimited allocation length, the transport moves no more than
 * the data-in buffer holds, and the residual (SAM-5 5.4.3) is the buffer size minus what the device server would
 * have moved.
 */
public final class Allocation {

    private Allocation() {
    }

    /**
     * Checks one truncated response against the full data.
     *
     * @param truncated        the response to a command with the given allocation length
     * @param full             the complete data, from a large allocation length
     * @param allocationLength the allocation length of {@code truncated}
     * @param what             the command, for messages
     */
    public static void checkTruncation(Exchange truncated, byte[] full, long allocationLength, String what) {
        Expect.good(truncated, what);
        byte[] data = truncated.data();
        long wouldMove = Math.min(allocationLength, full.length);
        long moved = Math.min(wouldMove, truncated.expectedDataInLength());
        Expect.that(data.length == moved, truncated, "SPC-4 4.2.5.6: with allocation length " + allocationLength
                + " and " + full.length + " bytes available, " + what + " must transfer " + moved + " bytes");
        Expect.that(Bytes.isPrefix(data, full), truncated, "SPC-4 4.2.5.6: " + what + " truncated to the allocation "
                + "length must be a prefix of the complete data [" + Hex.of(full, 64) + "]");
        long residual = truncated.expectedDataInLength() - wouldMove;
        Expect.that(truncated.residual() == residual, truncated, "SAM-5 5.4.3: the data-in residual must be the "
                + "buffer size minus what the device server would have transferred: " + residual);
    }
}
