package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.iscsi.text.Keys;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The operational policy of an iSCSI target (RFC 7143 13): which digests it accepts, the limits it negotiates, the
 * size of the CmdSN window, and how long a login may take. Defaults follow the advice of LIO and tgt: 256 KiB
 * segments and bursts, InitialR2T=No, ImmediateData=Yes, one outstanding R2T, error recovery level 0.
 *
 * @param headerDigests            acceptable HeaderDigest values in order of preference, e.g. {@code None,CRC32C}
 * @param dataDigests              acceptable DataDigest values in order of preference
 * @param maxRecvDataSegmentLength the declared MaxRecvDataSegmentLength
 * @param maxBurstLength           the largest MaxBurstLength accepted
 * @param firstBurstLength         the largest FirstBurstLength accepted
 * @param initialR2T               the target's InitialR2T wish (Yes forbids unsolicited Data-Out)
 * @param immediateData            the target's ImmediateData wish
 * @param maxOutstandingR2T        the largest MaxOutstandingR2T accepted
 * @param commandWindow            how many commands a session may have outstanding (MaxCmdSN - ExpCmdSN + 1)
 * @param maxTransferLength        the largest EDTL accepted for one command, in bytes
 * @param loginTimeout             how long a connection may stay in the login phase
 */
public record TargetSettings(String headerDigests, String dataDigests, int maxRecvDataSegmentLength,
        int maxBurstLength, int firstBurstLength, boolean initialR2T, boolean immediateData, int maxOutstandingR2T,
        int commandWindow, int maxTransferLength, Duration loginTimeout) {

    /** The defaults described above. */
    public static final TargetSettings DEFAULT = new TargetSettings("None,CRC32C", "None,CRC32C", 262144, 262144,
            262144, false, true, 1, 128, 64 << 20, Duration.ofSeconds(15));

    public TargetSettings {
        Objects.requireNonNull(headerDigests, "headerDigests");
        Objects.requireNonNull(dataDigests, "dataDigests");
        Objects.requireNonNull(loginTimeout, "loginTimeout");
        if (maxRecvDataSegmentLength < 512 || maxRecvDataSegmentLength > 0xFFFFFF || maxBurstLength < 512
                || firstBurstLength < 512 || maxOutstandingR2T < 1 || commandWindow < 1 || maxTransferLength < 0) {
            throw new IllegalArgumentException("setting out of range");
        }
    }

    /** These settings with another MaxRecvDataSegmentLength. */
    public TargetSettings withMaxRecvDataSegmentLength(int length) {
        return new TargetSettings(headerDigests, dataDigests, length, maxBurstLength, firstBurstLength, initialR2T,
                immediateData, maxOutstandingR2T, commandWindow, maxTransferLength, loginTimeout);
    }

    /** These settings with other burst limits and InitialR2T wish. */
    public TargetSettings withBursts(int maxBurst, int firstBurst, boolean r2tFirst) {
        return new TargetSettings(headerDigests, dataDigests, maxRecvDataSegmentLength, maxBurst, firstBurst,
                r2tFirst, immediateData, maxOutstandingR2T, commandWindow, maxTransferLength, loginTimeout);
    }

    /** These settings with other digest preferences. */
    public TargetSettings withDigests(String header, String data) {
        return new TargetSettings(header, data, maxRecvDataSegmentLength, maxBurstLength, firstBurstLength,
                initialR2T, immediateData, maxOutstandingR2T, commandWindow, maxTransferLength, loginTimeout);
    }

    /** The negotiation policy these settings give (see {@link io.github.scsiemu.iscsi.text.Negotiation}). */
    Map<String, String> policy() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(Keys.HEADER_DIGEST, headerDigests);
        p.put(Keys.DATA_DIGEST, dataDigests);
        p.put(Keys.MAX_CONNECTIONS, "1");
        p.put(Keys.INITIAL_R2T, initialR2T ? "Yes" : "No");
        p.put(Keys.IMMEDIATE_DATA, immediateData ? "Yes" : "No");
        p.put(Keys.MAX_BURST_LENGTH, Integer.toString(maxBurstLength));
        p.put(Keys.FIRST_BURST_LENGTH, Integer.toString(firstBurstLength));
        p.put(Keys.DEFAULT_TIME2WAIT, "2");
        p.put(Keys.DEFAULT_TIME2RETAIN, "0");
        p.put(Keys.MAX_OUTSTANDING_R2T, Integer.toString(maxOutstandingR2T));
        p.put(Keys.DATA_PDU_IN_ORDER, "Yes");
        p.put(Keys.DATA_SEQUENCE_IN_ORDER, "Yes");
        p.put(Keys.ERROR_RECOVERY_LEVEL, "0");
        p.put(Keys.AUTH_METHOD, "None");
        p.put(Keys.IF_MARKER, "No");
        p.put(Keys.OF_MARKER, "No");
        return p;
    }
}
