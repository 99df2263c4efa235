package io.github.scsiemu.iscsi.text;

/** How the outcome of a key's negotiation is computed from offer and answer (RFC 7143 6.2.1 and 6.2.2). */
public enum ResultFunction {
    /** The responder picks the first value of the originator's list that it supports. */
    LIST,
    /** The smaller of both numbers. */
    MINIMUM,
    /** The larger of both numbers. */
    MAXIMUM,
    /** Yes only if both say Yes. */
    AND,
    /** Yes if either says Yes. */
    OR,
    /** Each side states its own value; nothing is answered. */
    DECLARATIVE,
    /** Carried by an authentication method (CHAP_*), not negotiated by this engine. */
    AUTHENTICATION
}
