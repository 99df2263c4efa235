package io.github.scsiemu.iscsi.pdu;

import java.io.IOException;

/**
 * The byte stream of a connection can no longer be split into PDUs (RFC 7143 7.8 and 7.9): a header digest error,
 * a data segment longer than the receiver declared in MaxRecvDataSegmentLength, or a stream that ends inside a PDU.
 * At error recovery level 0 the connection must be dropped.
 */
public final class FramingException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * A framing error.
     *
     * @param message what is wrong
     */
    public FramingException(String message) {
        super(message);
    }
}
