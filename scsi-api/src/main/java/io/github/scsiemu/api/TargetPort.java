package io.github.scsiemu.api;

import java.util.Objects;

/**
 * A target port (SAM-5 4.6.6) with the identifiers logical units report about it: its RELATIVE TARGET PORT
 * IDENTIFIER (SPC-4 7.8.6.5) and the TARGET PORT GROUP it belongs to for asymmetric access (SPC-4 5.15.2).
 *
 * @param name                     the target port name, e.g. {@code iqn.2026-01.io.github.scsiemu:disk,t,0x0001}
 * @param relativeTargetPortId     1-65535
 * @param targetPortGroup          0-65535
 */
public record TargetPort(String name, int relativeTargetPortId, int targetPortGroup) {
    public TargetPort {
        Objects.requireNonNull(name, "name");
        if (relativeTargetPortId < 1 || relativeTargetPortId > 0xFFFF) {
            throw new IllegalArgumentException("relative target port identifier must be 1-65535");
        }
        if (targetPortGroup < 0 || targetPortGroup > 0xFFFF) {
            throw new IllegalArgumentException("target port group must be 0-65535");
        }
    }

    /**
     * An iSCSI target port: {@code name,t,0x<TPGT>} (RFC 7143 13.2).
     *
     * @param iscsiName            the target's iSCSI name
     * @param targetPortalGroupTag the TPGT
     * @param relativeTargetPortId the relative target port identifier
     * @param targetPortGroup      the ALUA target port group
     */
    public static TargetPort iscsi(String iscsiName, int targetPortalGroupTag, int relativeTargetPortId,
            int targetPortGroup) {
        return new TargetPort(String.format("%s,t,0x%04x", iscsiName, targetPortalGroupTag), relativeTargetPortId,
                targetPortGroup);
    }
}
