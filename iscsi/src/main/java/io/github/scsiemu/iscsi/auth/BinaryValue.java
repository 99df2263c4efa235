package io.github.scsiemu.iscsi.auth;

import java.util.Base64;
import java.util.HexFormat;

/**
 * The binary-value encodings of iSCSI text (RFC 7143 6.1): a hex-constant ({@code 0x} or {@code 0X} followed by
 * hexadecimal digits, an odd count meaning a leading zero nibble) or a base64-constant ({@code 0b} or {@code 0B}
 * followed by base64). CHAP_C and CHAP_R use them; this side always sends hex.
 */
public final class BinaryValue {
    private BinaryValue() {
    }

    /** The hex-constant form of {@code bytes}. */
    public static String encode(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    /**
     * Decodes a hex- or base64-constant.
     *
     * @throws AuthenticationException if the value is neither, or holds no bytes
     */
    public static byte[] decode(String value) throws AuthenticationException {
        if (value.length() > 2 && value.charAt(0) == '0') {
            String body = value.substring(2);
            try {
                switch (value.charAt(1)) {
                    case 'x':
                    case 'X':
                        return HexFormat.of().parseHex(body.length() % 2 == 0 ? body : "0" + body);
                    case 'b':
                    case 'B':
                        byte[] b = Base64.getDecoder().decode(body);
                        if (b.length > 0) {
                            return b;
                        }
                        break;
                    default:
                        break;
                }
            } catch (IllegalArgumentException e) {
                throw new AuthenticationException("not a binary value: " + value);
            }
        }
        throw new AuthenticationException("not a binary value: " + value);
    }
}
