package io.github.scsiemu.iscsi.text;

import java.util.Map;

/**
 * The operational parameters in force on a connection of a session after login (RFC 7143 13): what was negotiated,
 * defaults for the rest, and both directions' data segment limits.
 *
 * @param headerDigest             CRC32C header digests
 * @param dataDigest               CRC32C data digests
 * @param maxConnections           MaxConnections
 * @param initialR2T               InitialR2T: no unsolicited Data-Out PDUs
 * @param immediateData            ImmediateData
 * @param maxBurstLength           MaxBurstLength
 * @param firstBurstLength         FirstBurstLength (never above MaxBurstLength)
 * @param defaultTime2Wait         DefaultTime2Wait
 * @param defaultTime2Retain       DefaultTime2Retain
 * @param maxOutstandingR2T        MaxOutstandingR2T
 * @param dataPduInOrder           DataPDUInOrder
 * @param dataSequenceInOrder      DataSequenceInOrder
 * @param errorRecoveryLevel       ErrorRecoveryLevel
 * @param maxRecvDataSegmentLength the largest data segment this side receives (its own declaration)
 * @param maxSendDataSegmentLength the largest data segment this side may send (the peer's declaration)
 */
public record OperationalParameters(boolean headerDigest, boolean dataDigest, int maxConnections, boolean initialR2T,
        boolean immediateData, int maxBurstLength, int firstBurstLength, int defaultTime2Wait,
        int defaultTime2Retain, int maxOutstandingR2T, boolean dataPduInOrder, boolean dataSequenceInOrder,
        int errorRecoveryLevel, int maxRecvDataSegmentLength, int maxSendDataSegmentLength) {

    /** The parameters of RFC 7143's defaults, with 8192-byte segments both ways. */
    public static final OperationalParameters DEFAULTS = from(Map.of(), 8192);

    /**
     * The parameters from negotiation results (keys not present take their defaults).
     *
     * @param results                  {@link Negotiation#results()}
     * @param maxRecvDataSegmentLength this side's own declared MaxRecvDataSegmentLength
     */
    public static OperationalParameters from(Map<String, String> results, int maxRecvDataSegmentLength) {
        int maxBurst = number(results, Keys.MAX_BURST_LENGTH);
        return new OperationalParameters(crc(results, Keys.HEADER_DIGEST), crc(results, Keys.DATA_DIGEST),
                number(results, Keys.MAX_CONNECTIONS), yes(results, Keys.INITIAL_R2T),
                yes(results, Keys.IMMEDIATE_DATA), maxBurst,
                Math.min(maxBurst, number(results, Keys.FIRST_BURST_LENGTH)), number(results, Keys.DEFAULT_TIME2WAIT),
                number(results, Keys.DEFAULT_TIME2RETAIN), number(results, Keys.MAX_OUTSTANDING_R2T),
                yes(results, Keys.DATA_PDU_IN_ORDER), yes(results, Keys.DATA_SEQUENCE_IN_ORDER),
                number(results, Keys.ERROR_RECOVERY_LEVEL), maxRecvDataSegmentLength,
                number(results, Keys.MAX_RECV_DATA_SEGMENT_LENGTH));
    }

    private static String value(Map<String, String> results, String key) {
        return results.getOrDefault(key, Keys.definition(key).orElseThrow().defaultValue());
    }

    private static boolean crc(Map<String, String> results, String key) {
        return value(results, key).equals("CRC32C");
    }

    private static boolean yes(Map<String, String> results, String key) {
        return value(results, key).equals("Yes");
    }

    private static int number(Map<String, String> results, String key) {
        KeyDefinition d = Keys.definition(key).orElseThrow();
        try {
            return (int) d.number(value(results, key));
        } catch (TextFormatException e) {
            try {
                return (int) d.number(d.defaultValue());
            } catch (TextFormatException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
