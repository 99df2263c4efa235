package io.github.scsiemu.spc;

import io.github.scsiemu.api.Nexus;

/**
 * Observes the events that reset state held by parts of a logical unit beyond the shared engine (SAM-5 6.3):
 * reservations, device positions and the like. Every method has an empty default.
 */
public interface LogicalUnitListener {

    /** A LOGICAL UNIT RESET (or a hard reset) completed; the task set has already been cleared. */
    default void logicalUnitReset() {
    }

    /** An I_T nexus was lost or reset (I_T NEXUS RESET, SAM-5 7.6); its tasks have already been aborted. */
    default void nexusLost(Nexus nexus) {
    }
}
