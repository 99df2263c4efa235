package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.api.ScsiTarget;
import io.github.scsiemu.api.TargetPort;
import io.github.scsiemu.iscsi.auth.AuthenticationPolicy;
import java.util.Objects;

/**
 * A SCSI target device exported under an iSCSI target name (RFC 7143 4.2.7): the name, an optional alias, the
 * device, the identifiers of the target port it is reached through, how initiators authenticate to it (RFC 7143
 * 12.1) and which initiators may log in and see which of its logical units.
 *
 * @param name                 the iSCSI name (iqn., eui. or naa. form)
 * @param alias                the TargetAlias, empty for none
 * @param device               the device that executes commands
 * @param relativeTargetPortId the RELATIVE TARGET PORT IDENTIFIER of the port (SPC-4 7.8.6.5)
 * @param targetPortGroup      the ALUA target port group of the port
 * @param authentication       the security negotiation policy: CHAP accounts, mutual CHAP credentials
 * @param access               the initiators allowed to log in and the LUNs each sees
 */
public record ExportedTarget(String name, String alias, ScsiTarget device, int relativeTargetPortId,
        int targetPortGroup, AuthenticationPolicy authentication, AccessControl access) {

    public ExportedTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(access, "access");
        if (name.isEmpty() || name.length() > 223) {
            throw new IllegalArgumentException("an iSCSI name has 1-223 bytes");
        }
    }

    /** A target without authentication, open to every initiator. */
    public ExportedTarget(String name, String alias, ScsiTarget device, int relativeTargetPortId,
            int targetPortGroup) {
        this(name, alias, device, relativeTargetPortId, targetPortGroup, AuthenticationPolicy.NONE,
                AccessControl.OPEN);
    }

    /** A target with no alias reached through relative target port 1 in target port group 0. */
    public static ExportedTarget of(String name, ScsiTarget device) {
        return new ExportedTarget(name, "", device, 1, 0);
    }

    /** This target with another authentication policy. */
    public ExportedTarget withAuthentication(AuthenticationPolicy policy) {
        return new ExportedTarget(name, alias, device, relativeTargetPortId, targetPortGroup, policy, access);
    }

    /** This target with another access control list. */
    public ExportedTarget withAccess(AccessControl acl) {
        return new ExportedTarget(name, alias, device, relativeTargetPortId, targetPortGroup, authentication, acl);
    }

    /** The SCSI target port of this target in the given portal group: {@code name,t,0x<TPGT>}. */
    public TargetPort targetPort(int portalGroupTag) {
        return TargetPort.iscsi(name, portalGroupTag, relativeTargetPortId, targetPortGroup);
    }

    /** The device as the initiator sees it under the access control list (all of it if not masked). */
    ScsiTarget deviceFor(String initiatorName) {
        return access.mask(initiatorName).orElse(LunMask.of()).apply(device);
    }
}
