package io.github.scsiemu.api;

import java.util.Objects;

/**
 * An I_T nexus (SAM-5 4.7): the relationship between one initiator port and one target port. Reservations, unit
 * attentions and asymmetric access states are all kept per nexus; the logical unit (L of I_T_L) travels
 * separately in the request.
 *
 * @param initiator the initiator port
 * @param target    the target port
 */
public record Nexus(InitiatorPort initiator, TargetPort target) {
    public Nexus {
        Objects.requireNonNull(initiator, "initiator");
        Objects.requireNonNull(target, "target");
    }

    @Override
    public String toString() {
        return initiator.name() + " -> " + target.name();
    }
}
