package io.github.scsiemu.iscsi.initiator;

import java.io.IOException;

/**
 * A login the target refused (RFC 7143 11.13.5): {@link #status()} is Status-Class and Status-Detail, e.g. 0x0203
 * for a target that was not found; 0 when the negotiation itself broke a rule.
 */
public final class LoginException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * A refused login.
     *
     * @param status  the two status bytes
     * @param message what happened
     */
    public LoginException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** Status-Class and Status-Detail as one number. */
    public int status() {
        return status;
    }
}
