package io.github.scsiemu.iscsi.initiator;

import io.github.scsiemu.iscsi.auth.ChapCredentials;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What an initiator asks for when it logs in (RFC 7143 6.3 and 13): its name and ISID, the target (absent for a
 * discovery session), the digests it offers and the limits it proposes, how long it waits for any answer, and its
 * CHAP credentials (RFC 7143 12.1.3): with them it offers {@code AuthMethod=CHAP,None}; with the target's expected
 * credentials as well it asks the target to authenticate itself (mutual CHAP) and offers only CHAP.
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
 * @param chap                     what the initiator authenticates with; empty for no authentication
 * @param targetChap               the name and secret the target must prove (mutual CHAP); empty for one-way
 */
public record LoginOptions(String initiatorName, long isid, String targetName, String headerDigest,
        String dataDigest, int maxRecvDataSegmentLength, int maxBurstLength, int firstBurstLength,
        boolean initialR2T, boolean immediateData, Duration timeout, Optional<ChapCredentials> chap,
        Optional<ChapCredentials> targetChap) {

    public LoginOptions {
        Objects.requireNonNull(chap, "chap");
        Objects.requireNonNull(targetChap, "targetChap");
        if (targetChap.isPresent() && chap.isEmpty()) {
            throw new IllegalArgumentException("mutual CHAP needs the initiator's own credentials too");
        }
        Objects.requireNonNull(initiatorName, "initiatorName");
        Objects.requireNonNull(targetName, "targetName");
        Objects.requireNonNull(headerDigest, "headerDigest");
        Objects.requireNonNull(dataDigest, "dataDigest");
        Objects.requireNonNull(timeout, "timeout");
        if ((isid >>> 48) != 0) {
            throw new IllegalArgumentException("ISID is six bytes");
        }
    }

    /** Options without CHAP. */
    public LoginOptions(String initiatorName, long isid, String targetName, String headerDigest, String dataDigest,
            int maxRecvDataSegmentLength, int maxBurstLength, int firstBurstLength, boolean initialR2T,
            boolean immediateData, Duration timeout) {
        this(initiatorName, isid, targetName, headerDigest, dataDigest, maxRecvDataSegmentLength, maxBurstLength,
                firstBurstLength, initialR2T, immediateData, timeout, Optional.empty(), Optional.empty());
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
                maxBurstLength, firstBurstLength, initialR2T, immediateData, timeout, chap, targetChap);
    }

    /** These options with other segment and burst offers. */
    public LoginOptions withLimits(int maxRecvSegment, int maxBurst, int firstBurst, boolean r2tFirst,
            boolean immediate) {
        return new LoginOptions(initiatorName, isid, targetName, headerDigest, dataDigest, maxRecvSegment, maxBurst,
                firstBurst, r2tFirst, immediate, timeout, chap, targetChap);
    }

    /** These options authenticating with CHAP (one-way). */
    public LoginOptions withChap(ChapCredentials credentials) {
        return new LoginOptions(initiatorName, isid, targetName, headerDigest, dataDigest, maxRecvDataSegmentLength,
                maxBurstLength, firstBurstLength, initialR2T, immediateData, timeout, Optional.of(credentials),
                targetChap);
    }

    /** These options also asking the target to prove the given credentials (mutual CHAP). */
    public LoginOptions withMutualChap(ChapCredentials target) {
        return new LoginOptions(initiatorName, isid, targetName, headerDigest, dataDigest, maxRecvDataSegmentLength,
                maxBurstLength, firstBurstLength, initialR2T, immediateData, timeout, chap, Optional.of(target));
    }

    /** The AuthMethod offer: CHAP only for mutual CHAP, CHAP or None with credentials, else None. */
    public String authMethods() {
        if (targetChap.isPresent()) {
            return "CHAP";
        }
        return chap.isPresent() ? "CHAP,None" : "None";
    }
}
