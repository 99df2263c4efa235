package io.github.scsiemu.server.config;

import io.github.scsiemu.iscsi.auth.AuthenticationPolicy;
import io.github.scsiemu.iscsi.target.AccessControl;
import java.util.List;
import java.util.Objects;

/**
 * One SCSI target device exported under an iSCSI name (RFC 7143 4.2.7): its name and alias, the portals it is
 * reachable through (each one of its target ports, with relative target port identifiers 1, 2, ... in this order),
 * its logical units, optional ALUA target port groups, how initiators authenticate (CHAP, RFC 7143 12.1.3) and
 * which initiators may log in and see which LUNs.
 *
 * @param name       the iSCSI name
 * @param alias      the TargetAlias, empty for none
 * @param portals    indexes into {@link ServerConfig#portals()}
 * @param luns       the logical units, ascending by LUN
 * @param aluaGroups the target port groups; empty for no asymmetric access
 * @param authentication the CHAP policy; {@link AuthenticationPolicy#NONE} for none
 * @param access     the initiator access control list; {@link AccessControl#OPEN} for every initiator
 * @param origin     where it was configured
 */
public record TargetConfig(String name, String alias, List<Integer> portals, List<LunConfig> luns,
        List<AluaGroupConfig> aluaGroups, AuthenticationPolicy authentication, AccessControl access,
        Origin origin) {

    public TargetConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(access, "access");
        portals = List.copyOf(portals);
        luns = List.copyOf(luns);
        aluaGroups = List.copyOf(aluaGroups);
    }

    /** The relative target port identifier of a portal of this target: its position in {@link #portals()}, plus 1. */
    public int relativeTargetPortId(int portal) {
        int i = portals.indexOf(portal);
        if (i < 0) {
            throw new IllegalArgumentException("portal " + portal + " does not serve " + name);
        }
        return i + 1;
    }

    /** The target port group of a portal of this target; 0 when no group names it. */
    public int targetPortGroup(int portal) {
        for (AluaGroupConfig g : aluaGroups) {
            if (g.portals().contains(portal)) {
                return g.id();
            }
        }
        return 0;
    }
}
