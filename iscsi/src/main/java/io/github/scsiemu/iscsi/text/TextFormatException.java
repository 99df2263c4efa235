package io.github.scsiemu.iscsi.text;

/**
 * Text that does not follow RFC 7143 6.1 (key=value pairs, each ended by a NUL byte), or a negotiation that broke a
 * rule of RFC 7143 6.2 (a key offered twice, an answer that is not a legal result). A target ends the login with
 * Status-Class 2 (initiator error).
 */
public final class TextFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * An error.
     *
     * @param message what is wrong
     */
    public TextFormatException(String message) {
        super(message);
    }
}
