package io.github.scsiemu.api;

import java.util.Objects;
import java.util.Optional;

/**
 * An initiator port as a logical unit sees it (SAM-5 4.6.5): its name (the initiator port identifier, unique
 * within the SCSI domain) and its TransportID for persistent reservations.
 *
 * @param name        the initiator port name, e.g. {@code iqn.2026-01.org.example:host1,i,0x23d000000001}
 * @param transportId the TransportID that names this port in PERSISTENT RESERVE parameter data
 */
public record InitiatorPort(String name, TransportId transportId) {
    public InitiatorPort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(transportId, "transportId");
    }

    /**
     * An iSCSI initiator port: {@code name,i,0x<ISID>} (RFC 7143 13.2), with a format 01b TransportID.
     *
     * @param iscsiName the initiator's iSCSI name
     * @param isid      the six-byte ISID
     */
    public static InitiatorPort iscsi(String iscsiName, long isid) {
        String hex = String.format("%012x", isid & 0xFFFF_FFFF_FFFFL);
        return new InitiatorPort(iscsiName + ",i,0x" + hex, new TransportId.Iscsi(iscsiName, Optional.of(hex)));
    }

    /** An in-process initiator port named like an iSCSI initiator with the given ISID 0. */
    public static InitiatorPort named(String iscsiName) {
        return iscsi(iscsiName, 0);
    }
}
