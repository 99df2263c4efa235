package io.github.scsiemu.iscsi.auth;

/**
 * An authentication exchange that failed (RFC 7143 12.1.3): a wrong or missing CHAP response, an unknown CHAP
 * name, an unsupported algorithm, a reflected challenge, or CHAP keys out of order. A target ends the login with
 * Status-Class 2, Status-Detail 1 (authentication failure, RFC 7143 11.13.5).
 */
public final class AuthenticationException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * A failure.
     *
     * @param message what went wrong
     */
    public AuthenticationException(String message) {
        super(message);
    }
}
