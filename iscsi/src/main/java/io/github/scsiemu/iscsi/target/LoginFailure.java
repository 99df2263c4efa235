package io.github.scsiemu.iscsi.target;

/**
 * A login that ends with a non-zero Status-Class (RFC 7143 11.13.5), e.g. 0x0201 authentication failure or 0x0203
 * target not found. 0x0200 (initiator error, miscellaneous) also covers negotiation failures: a key declared or
 * negotiated twice (RFC 7143 6.3), an out-of-range declarative, and a digest offer with no value the target accepts
 * (as LIO answers them: {@code iscsi_target_handle_csg_one} in {@code iscsi_target_nego.c} sends
 * ISCSI_STATUS_CLS_INITIATOR_ERR with ISCSI_LOGIN_STATUS_INIT_ERR when decoding the keys fails).
 */
final class LoginFailure extends Exception {
    private static final long serialVersionUID = 1L;

    static final int INITIATOR_ERROR = 0x0200;
    static final int AUTHENTICATION_FAILURE = 0x0201;
    static final int AUTHORIZATION_FAILURE = 0x0202;
    static final int NOT_FOUND = 0x0203;
    static final int UNSUPPORTED_VERSION = 0x0205;
    static final int MISSING_PARAMETER = 0x0207;
    static final int SESSION_TYPE_NOT_SUPPORTED = 0x0209;
    static final int SESSION_DOES_NOT_EXIST = 0x020A;
    static final int INVALID_DURING_LOGIN = 0x020B;

    final int status;

    LoginFailure(int status, String message) {
        super(message);
        this.status = status;
    }
}
