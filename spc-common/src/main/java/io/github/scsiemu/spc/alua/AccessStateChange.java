package io.github.scsiemu.spc.alua;

import io.github.scsiemu.api.Nexus;
import io.github.scsiemu.sense.AdditionalSense;
import java.util.Objects;
import java.util.Optional;

/**
 * A completed change of target port asymmetric access states and the unit attention condition every logical unit
 * that shares the target port groups establishes for it (SPC-4 5.15.2.5): ASYMMETRIC ACCESS STATE CHANGED (2Ah/06h)
 * for every I_T nexus, except, after SET TARGET PORT GROUPS, the I_T nexus the command was received on; IMPLICIT
 * ASYMMETRIC ACCESS STATE TRANSITION FAILED (2Ah/07h) for every I_T nexus.
 *
 * @param condition the additional sense code of the unit attention condition
 * @param origin    the I_T nexus that sent SET TARGET PORT GROUPS, for an explicit change; empty for an implicit one
 */
public record AccessStateChange(AdditionalSense condition, Optional<Nexus> origin) {

    public AccessStateChange {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(origin, "origin");
    }

    /** An implicit change (2Ah/06h to every I_T nexus). */
    static AccessStateChange implicit() {
        return new AccessStateChange(AdditionalSense.ASYMMETRIC_ACCESS_STATE_CHANGED, Optional.empty());
    }

    /** An explicit change requested through {@code origin} (2Ah/06h to every other I_T nexus). */
    static AccessStateChange explicit(Nexus origin) {
        return new AccessStateChange(AdditionalSense.ASYMMETRIC_ACCESS_STATE_CHANGED, Optional.of(origin));
    }

    /** A failed implicit transition (2Ah/07h to every I_T nexus). */
    static AccessStateChange implicitTransitionFailed() {
        return new AccessStateChange(AdditionalSense.IMPLICIT_ASYMMETRIC_ACCESS_STATE_TRANSITION_FAILED,
                Optional.empty());
    }
}
