package io.github.scsiemu.iscsi.text;

import static io.github.scsiemu.iscsi.text.ResultFunction.AND;
import static io.github.scsiemu.iscsi.text.ResultFunction.AUTHENTICATION;
import static io.github.scsiemu.iscsi.text.ResultFunction.DECLARATIVE;
import static io.github.scsiemu.iscsi.text.ResultFunction.LIST;
import static io.github.scsiemu.iscsi.text.ResultFunction.MAXIMUM;
import static io.github.scsiemu.iscsi.text.ResultFunction.MINIMUM;
import static io.github.scsiemu.iscsi.text.ResultFunction.OR;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The table of text keys of RFC 7143 13 (plus the RFC 3720 marker keys initiators still send), shared by the target
 * and the initiator.
 */
public final class Keys {
    public static final String HEADER_DIGEST = "HeaderDigest";
    public static final String DATA_DIGEST = "DataDigest";
    public static final String MAX_CONNECTIONS = "MaxConnections";
    public static final String SEND_TARGETS = "SendTargets";
    public static final String TARGET_NAME = "TargetName";
    public static final String INITIATOR_NAME = "InitiatorName";
    public static final String TARGET_ALIAS = "TargetAlias";
    public static final String INITIATOR_ALIAS = "InitiatorAlias";
    public static final String TARGET_ADDRESS = "TargetAddress";
    public static final String TARGET_PORTAL_GROUP_TAG = "TargetPortalGroupTag";
    public static final String INITIAL_R2T = "InitialR2T";
    public static final String IMMEDIATE_DATA = "ImmediateData";
    public static final String MAX_RECV_DATA_SEGMENT_LENGTH = "MaxRecvDataSegmentLength";
    public static final String MAX_BURST_LENGTH = "MaxBurstLength";
    public static final String FIRST_BURST_LENGTH = "FirstBurstLength";
    public static final String DEFAULT_TIME2WAIT = "DefaultTime2Wait";
    public static final String DEFAULT_TIME2RETAIN = "DefaultTime2Retain";
    public static final String MAX_OUTSTANDING_R2T = "MaxOutstandingR2T";
    public static final String DATA_PDU_IN_ORDER = "DataPDUInOrder";
    public static final String DATA_SEQUENCE_IN_ORDER = "DataSequenceInOrder";
    public static final String ERROR_RECOVERY_LEVEL = "ErrorRecoveryLevel";
    public static final String SESSION_TYPE = "SessionType";
    public static final String AUTH_METHOD = "AuthMethod";
    public static final String IF_MARKER = "IFMarker";
    public static final String OF_MARKER = "OFMarker";
    public static final String IF_MARK_INT = "IFMarkInt";
    public static final String OF_MARK_INT = "OFMarkInt";

    private static final long MAX_24 = 0xFFFFFF;
    private static final Map<String, KeyDefinition> TABLE = new LinkedHashMap<>();

    static {
        key(HEADER_DIGEST, LIST, 0, 0, "None", false);
        key(DATA_DIGEST, LIST, 0, 0, "None", false);
        key(MAX_CONNECTIONS, MINIMUM, 1, 65535, "1", true);
        key(SEND_TARGETS, DECLARATIVE, 0, 0, "", false);
        key(TARGET_NAME, DECLARATIVE, 0, 0, "", false);
        key(INITIATOR_NAME, DECLARATIVE, 0, 0, "", false);
        key(TARGET_ALIAS, DECLARATIVE, 0, 0, "", false);
        key(INITIATOR_ALIAS, DECLARATIVE, 0, 0, "", false);
        key(TARGET_ADDRESS, DECLARATIVE, 0, 0, "", false);
        key(TARGET_PORTAL_GROUP_TAG, DECLARATIVE, 0, 65535, "", false);
        key(INITIAL_R2T, OR, 0, 0, "Yes", true);
        key(IMMEDIATE_DATA, AND, 0, 0, "Yes", true);
        key(MAX_RECV_DATA_SEGMENT_LENGTH, DECLARATIVE, 512, MAX_24, "8192", false);
        key(MAX_BURST_LENGTH, MINIMUM, 512, MAX_24, "262144", true);
        key(FIRST_BURST_LENGTH, MINIMUM, 512, MAX_24, "65536", true);
        key(DEFAULT_TIME2WAIT, MAXIMUM, 0, 3600, "2", false);
        key(DEFAULT_TIME2RETAIN, MINIMUM, 0, 3600, "20", false);
        key(MAX_OUTSTANDING_R2T, MINIMUM, 1, 65535, "1", true);
        key(DATA_PDU_IN_ORDER, OR, 0, 0, "Yes", true);
        key(DATA_SEQUENCE_IN_ORDER, OR, 0, 0, "Yes", true);
        key(ERROR_RECOVERY_LEVEL, MINIMUM, 0, 2, "0", false);
        key(SESSION_TYPE, DECLARATIVE, 0, 0, "Normal", false);
        key(AUTH_METHOD, LIST, 0, 0, "None", false);
        key(IF_MARKER, AND, 0, 0, "No", false);
        key(OF_MARKER, AND, 0, 0, "No", false);
        for (String chap : new String[] {"CHAP_A", "CHAP_I", "CHAP_C", "CHAP_N", "CHAP_R"}) {
            key(chap, AUTHENTICATION, 0, 0, "", false);
        }
    }

    private Keys() {
    }

    private static void key(String name, ResultFunction f, long min, long max, String def, boolean discovery) {
        TABLE.put(name, new KeyDefinition(name, f, min, max, def, discovery));
    }

    /** The definition of a key, if RFC 7143 defines it and this implementation knows it. */
    public static Optional<KeyDefinition> definition(String name) {
        return Optional.ofNullable(TABLE.get(name));
    }

    /** Whether the key is one of the marker keys RFC 7143 retired (their intervals are answered Irrelevant). */
    public static boolean isRetiredMarkerInterval(String name) {
        return name.equals(IF_MARK_INT) || name.equals(OF_MARK_INT);
    }
}
