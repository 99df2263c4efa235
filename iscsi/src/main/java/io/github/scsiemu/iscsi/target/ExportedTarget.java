package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.api.ScsiTarget;
import io.github.scsiemu.api.TargetPort;
import java.util.Objects;

/**
 * A SCSI target device exported under an iSCSI target name (RFC 7143 4.2.7): the name, an optional alias, the
 * device, and the identifiers of the target port it is reached through.
 *
 * @param name                 the iSCSI name (iqn., eui. or naa. form)
 * @param alias                the TargetAlias, empty for none
 * @param device               the device that executes commands
 * @param relativeTargetPortId the RELATIVE TARGET PORT IDENTIFIER of the port (SPC-4 7.8.6.5)
 * @param targetPortGroup      the ALUA target port group of the port
 */
public record ExportedTarget(String name, String alias, ScsiTarget device, int relativeTargetPortId,
        int targetPortGroup) {

    public ExportedTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(device, "device");
        if (name.isEmpty() || name.length() > 223) {
            throw new IllegalArgumentException("an iSCSI name has 1-223 bytes");
        }
    }

    /** A target with no alias reached through relative target port 1 in target port group 0. */
    public static ExportedTarget of(String name, ScsiTarget device) {
        return new ExportedTarget(name, "", device, 1, 0);
    }

    /** The SCSI target port of this target in the given portal group: {@code name,t,0x<TPGT>}. */
    public TargetPort targetPort(int portalGroupTag) {
        return TargetPort.iscsi(name, portalGroupTag, relativeTargetPortId, targetPortGroup);
    }
}
