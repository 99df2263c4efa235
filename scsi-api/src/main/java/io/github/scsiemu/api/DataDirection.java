package io.github.scsiemu.api;

/** Which data buffers a command transfers (SAM-5 5.4.3): none, data-in, data-out, or both. */
public enum DataDirection {
    NONE,
    /** Device server to application client (data-in buffer). */
    IN,
    /** Application client to device server (data-out buffer). */
    OUT,
    /** Both a data-out and a data-in buffer. */
    BIDIRECTIONAL
}
