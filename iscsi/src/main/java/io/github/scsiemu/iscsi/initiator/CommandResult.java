package io.github.scsiemu.iscsi.initiator;

import java.nio.ByteBuffer;

/**
 * The outcome of a SCSI command received over iSCSI (RFC 7143 11.4 and 11.7): the iSCSI response code, the SCSI
 * status, sense data, the reassembled data-in and the residual as reported (U or O flag and count).
 *
 * @param response      the iSCSI response (0 command completed at target)
 * @param status        the SCSI status byte
 * @param sense         the sense data (without the SenseLength field), empty if none
 * @param dataIn        the data-in bytes received
 * @param overflow      the O bit
 * @param underflow     the U bit
 * @param residualCount the Residual Count
 * @param dataInPdus    how many Data-In PDUs carried the data
 */
public record CommandResult(int response, int status, byte[] sense, ByteBuffer dataIn, boolean overflow,
        boolean underflow, int residualCount, int dataInPdus) {

    /** A copy of the data-in bytes. */
    public byte[] data() {
        ByteBuffer d = dataIn.duplicate();
        byte[] b = new byte[d.remaining()];
        d.get(b);
        return b;
    }

    /** The sense key of fixed or descriptor sense data, or -1 without sense. */
    public int senseKey() {
        if (sense.length < 3) {
            return -1;
        }
        int code = sense[0] & 0x7F;
        return (code == 0x72 || code == 0x73 ? sense[1] : sense[2]) & 0x0F;
    }

    /** ASC and ASCQ as one number (e.g. 0x2900), or -1 without sense. */
    public int additionalSense() {
        if (sense.length < 3) {
            return -1;
        }
        int code = sense[0] & 0x7F;
        if (code == 0x72 || code == 0x73) {
            return (sense[2] & 0xFF) << 8 | (sense[3] & 0xFF);
        }
        return sense.length >= 14 ? (sense[12] & 0xFF) << 8 | (sense[13] & 0xFF) : -1;
    }
}
