package io.github.scsiemu.iscsi.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The hash algorithms CHAP may use, identified by their CHAP_A values (RFC 1994 and RFC 7143 12.1.3 for MD5, the
 * IANA "PPP Authentication Algorithms" registry for the others, as RFC 7143 refers to it). The response to a
 * challenge is the hash of the identifier byte, the secret and the challenge, in that order (RFC 1994 4.1).
 */
public enum ChapAlgorithm {
    /** CHAP with MD5 (CHAP_A=5), which every iSCSI implementation must support. */
    MD5(5, "MD5"),
    /** CHAP with SHA-1 (CHAP_A=6). */
    SHA1(6, "SHA-1"),
    /** CHAP with SHA-256 (CHAP_A=7). */
    SHA256(7, "SHA-256"),
    /** CHAP with SHA3-256 (CHAP_A=8). */
    SHA3_256(8, "SHA3-256");

    private final int code;
    private final String digest;

    ChapAlgorithm(int code, String digest) {
        this.code = code;
        this.digest = digest;
    }

    /** The CHAP_A value. */
    public int code() {
        return code;
    }

    /** The algorithm with the given CHAP_A value, if it is one of these. */
    public static Optional<ChapAlgorithm> ofCode(int code) {
        for (ChapAlgorithm a : values()) {
            if (a.code == code) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * The CHAP response: hash(identifier ‖ secret ‖ challenge) (RFC 1994 4.1).
     *
     * @param identifier the CHAP_I value, 0-255
     * @param secret     the shared secret
     * @param challenge  the CHAP_C bytes
     * @return the CHAP_R bytes
     */
    public byte[] response(int identifier, byte[] secret, byte[] challenge) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digest + " is part of every Java 17 runtime", e);
        }
        md.update((byte) identifier);
        md.update(secret);
        md.update(challenge);
        return md.digest();
    }
}
