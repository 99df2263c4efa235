package io.github.scsiemu.spc.alua;

import java.util.Objects;

/**
 * One set target port group descriptor of the SET TARGET PORT GROUPS parameter list (SPC-4 6.45, table 329): the
 * state requested and, for a primary state, the target port group, or, for the offline secondary state, the
 * relative target port identifier of the port.
 *
 * @param state                     the requested asymmetric access state
 * @param targetPortGroupOrTargetPort the TARGET PORT GROUP OR TARGET PORT field
 */
public record SetTargetPortGroupDescriptor(AsymmetricAccessState state, int targetPortGroupOrTargetPort) {
    public SetTargetPortGroupDescriptor {
        Objects.requireNonNull(state, "state");
        if (targetPortGroupOrTargetPort < 0 || targetPortGroupOrTargetPort > 0xFFFF) {
            throw new IllegalArgumentException("TARGET PORT GROUP OR TARGET PORT is two bytes");
        }
    }
}
