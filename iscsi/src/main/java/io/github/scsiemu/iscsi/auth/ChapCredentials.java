package io.github.scsiemu.iscsi.auth;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A CHAP name and secret (RFC 7143 12.1.3): an initiator account a target accepts, the name and secret a target
 * answers with in mutual CHAP, or what an initiator authenticates with. RFC 7143 12.1.3 requires secrets of at
 * least 96 bits (12 bytes) when no IPsec protects the connection; this library never assumes IPsec, so shorter
 * secrets are refused. The secret is UTF-8 text (as tgt, LIO and open-iscsi configure it) of at most 255 bytes.
 * {@link #toString()} does not show the secret.
 *
 * @param name   the CHAP_N value
 * @param secret the secret
 */
public record ChapCredentials(String name, String secret) {
    /** The shortest secret RFC 7143 12.1.3 allows without IPsec, in bytes. */
    public static final int MIN_SECRET_LENGTH = 12;
    /** The longest secret accepted, in bytes. */
    public static final int MAX_SECRET_LENGTH = 255;

    public ChapCredentials {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(secret, "secret");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a CHAP name must not be empty");
        }
        int length = secret.getBytes(StandardCharsets.UTF_8).length;
        if (length < MIN_SECRET_LENGTH || length > MAX_SECRET_LENGTH) {
            throw new IllegalArgumentException("a CHAP secret has " + MIN_SECRET_LENGTH + "-" + MAX_SECRET_LENGTH
                    + " bytes (RFC 7143 12.1.3), not " + length);
        }
    }

    /** The secret as bytes. */
    public byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ChapCredentials[name=" + name + ", secret=(hidden)]";
    }
}
