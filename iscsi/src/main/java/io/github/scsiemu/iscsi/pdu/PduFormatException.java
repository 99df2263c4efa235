package io.github.scsiemu.iscsi.pdu;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A PDU that was framed correctly but cannot be accepted (RFC 7143 11.17 and 7.8): an undefined opcode, an invalid
 * field or a data digest error. The connection stays usable; a target answers with a Reject PDU carrying
 * {@link #reason()} and the offending header.
 */
public final class PduFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final RejectReason reason;
    private final transient ByteBuffer header;

    /**
     * A format error without the offending header.
     *
     * @param reason  the reason a target gives in its Reject PDU
     * @param message what is wrong
     */
    public PduFormatException(RejectReason reason, String message) {
        this(reason, message, null);
    }

    /**
     * A format error with the offending header.
     *
     * @param reason  the reason a target gives in its Reject PDU
     * @param message what is wrong
     * @param header  the 48-byte BHS of the rejected PDU, or null
     */
    public PduFormatException(RejectReason reason, String message, ByteBuffer header) {
        super(message);
        this.reason = reason;
        this.header = header == null ? null : header.duplicate().asReadOnlyBuffer();
    }

    /** The Reject reason. */
    public RejectReason reason() {
        return reason;
    }

    /** The BHS of the rejected PDU, when known. */
    public Optional<ByteBuffer> header() {
        return Optional.ofNullable(header).map(ByteBuffer::duplicate);
    }

    /** This error with the offending header attached. */
    public PduFormatException withHeader(ByteBuffer bhs) {
        return new PduFormatException(reason, getMessage(), bhs);
    }
}
