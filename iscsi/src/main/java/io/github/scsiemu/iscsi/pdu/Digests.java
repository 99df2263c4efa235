package io.github.scsiemu.iscsi.pdu;

/**
 * Which digests a connection carries (RFC 7143 13.1, HeaderDigest and DataDigest): each either None or CRC32C.
 * Negotiated values take effect after the login phase.
 *
 * @param header whether a CRC32C header digest follows the BHS and AHS
 * @param data   whether a CRC32C data digest follows the padded data segment
 */
public record Digests(boolean header, boolean data) {
    /** No digests, as during login. */
    public static final Digests NONE = new Digests(false, false);

    /** Both digests. */
    public static final Digests BOTH = new Digests(true, true);
}
