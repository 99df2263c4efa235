package io.github.scsiemu.iscsi.target;

import io.github.scsiemu.api.InitiatorPort;
import io.github.scsiemu.api.Nexus;
import java.util.Optional;

/**
 * Who a session belongs to (RFC 7143 4.4.3 and 10.12.5): the initiator's name and ISID and, for a normal session,
 * the target; together they identify the I_T nexus, and a new login with the same identity and TSIH 0 reinstates
 * the session.
 *
 * @param initiatorName the InitiatorName
 * @param isid          the ISID
 * @param target        the target of a normal session; empty for a discovery session
 * @param portalGroupTag the TPGT of the portal
 */
record SessionIdentity(String initiatorName, long isid, Optional<ExportedTarget> target, int portalGroupTag) {

    boolean discovery() {
        return target.isEmpty();
    }

    /** The I_T nexus of a normal session. */
    Nexus nexus() {
        return new Nexus(InitiatorPort.iscsi(initiatorName, isid), target.orElseThrow().targetPort(portalGroupTag));
    }

    /** The key under which sessions are reinstated: initiator port and target name. */
    String key() {
        return initiatorName + "," + Long.toHexString(isid) + "," + target.map(ExportedTarget::name).orElse("");
    }
}
