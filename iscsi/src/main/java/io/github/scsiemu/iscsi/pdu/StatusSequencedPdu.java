package io.github.scsiemu.iscsi.pdu;

/**
 * A target PDU that carries the session's sequence numbers (RFC 7143 11.1, 4.2.2): StatSN, ExpCmdSN and MaxCmdSN.
 * An initiator advances ExpStatSN and its command window from any of them.
 */
public interface StatusSequencedPdu {

    /** StatSN. */
    int statSn();

    /** ExpCmdSN. */
    int expCmdSn();

    /** MaxCmdSN. */
    int maxCmdSn();
}
