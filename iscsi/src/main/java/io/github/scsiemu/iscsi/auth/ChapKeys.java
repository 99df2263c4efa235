package io.github.scsiemu.iscsi.auth;

import java.util.Map;

/** The CHAP text keys (RFC 7143 12.1.3) and the parsing both sides share. */
final class ChapKeys {
    static final String A = "CHAP_A";
    static final String I = "CHAP_I";
    static final String C = "CHAP_C";
    static final String N = "CHAP_N";
    static final String R = "CHAP_R";
    /** The longest challenge accepted, in bytes (RFC 7143 12.1.3: binary values of at most 1024 bytes). */
    static final int MAX_CHALLENGE = 1024;
    /** The length of the challenges this side sends, in bytes. */
    static final int CHALLENGE_LENGTH = 32;

    private ChapKeys() {
    }

    static String required(Map<String, String> keys, String key) throws AuthenticationException {
        String v = keys.get(key);
        if (v == null) {
            throw new AuthenticationException(key + " missing");
        }
        return v;
    }

    static int identifier(String value) throws AuthenticationException {
        try {
            int id = value.startsWith("0x") || value.startsWith("0X") ? Integer.parseInt(value.substring(2), 16)
                    : Integer.parseInt(value);
            if (id >= 0 && id <= 255) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AuthenticationException("CHAP_I is not 0-255: " + value);
    }

    static byte[] challenge(String value) throws AuthenticationException {
        byte[] c = BinaryValue.decode(value);
        if (c.length > MAX_CHALLENGE) {
            throw new AuthenticationException("CHAP_C longer than " + MAX_CHALLENGE + " bytes");
        }
        return c;
    }
}
