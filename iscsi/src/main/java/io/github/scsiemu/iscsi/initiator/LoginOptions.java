package io.github.scsiemu.iscsi.initiator;

import java.time.Duration;
import java.util.Objects;

/**
 * What an initiator asks for when it logs in (RFC 7143 6.3 and 13): its name and ISID, the target (absent for a
 * discovery session), the digests it offers and the limits it proposes, and how long it waits for any answer.
 *
 * @param initiatorName            InitiatorName
 * @param isid                     the six-byte ISID; distinct ISIDs make distinct I_T nexuses
 * @param targetName               TargetName, or empty for a discovery session
 * @param headerDigest             the HeaderDigest offer, e.g. {@code None} or {@code CRC32C,None}
 * @param dataDigest               the DataDigest offer
 * @param maxRecvDataSegmentLength the declared MaxRecvDataSegmentLength
 * @param maxBurstLength           the MaxBurstLength offer
 * @param firstBurstLength         the FirstBurstLength offer
 * @param initialR2T               the InitialR2T offer
 * @param immediateData            the ImmediateData offer
 * @param timeout                  how long to wait for a response before giving up
 */
public record LoginOptions(String initiatorName, long isid, String targetName, String headerDigest,
        String dataDigest, int maxRecvDataSegmentLength, int maxBurstLength, int firstBurstLength,
        boolean initialR2T, boolean immediateData, Duration timeout) {

    public LoginOptions {
        Objects.requireNonNull(initiatorName, "initiatorName");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(headerDigest, "headerDigest");
        Objects.requireNonNull(dataDigest, "dataDigest");
        Objects.requireNonNull(timeout, "timeout");
        if ((isid >>> 48) != 0) {
            throw new IllegalArgumentException("ISID is six bytes");
        }
    }

    /** A normal session with libiscsi's usual offers: no digests, 256 KiB segments and bursts, InitialR2T=No. */
    public static LoginOptions normal(String initiatorName, long isid, String targetName) {
        return new LoginOptions(initiatorName, isid, targetName, "None", "None", 262144, 262144, 262144, false, true,
                Duration.ofSeconds(10));
    }

    /** A discovery session. */
    public static LoginOptions discovery(String initiatorName, long isid) {
        return normal(initiatorName, isid, "");
    }

    /** Whether this is a discovery session. */
    public boolean isDiscovery() {
        return targetName.isEmpty();
    }

    /** These options with other digest offers. */
    public LoginOptions withDigests(String header, String data) {
        return new LoginOptions(initiatorName, isid, targetName, header, data, maxRecvDataSegmentLength,
                maxBurstLength, firstBurstLength, initialR2T, immediateData, timeout);
    }

    /** These options with other segment and burst offers. */
    public LoginOptions withLimits(int maxRecvSegment, int maxBurst, int firstBurst, boolean r2tFirst,
            boolean immediate) {
        return new LoginOptions(initiatorName, isid, targetName, headerDigest, dataDigest, maxRecvSegment, maxBurst,
                firstBurst, r2tFirst, immediate, timeout);
    }
}
