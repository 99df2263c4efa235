package io.github.scsiemu.spc;

import java.util.Optional;

/**
 * One check of the pre-execution gate (SAM-5 5.14, DESIGN.md section 4) that a command passes before its handler
 * runs, e.g. the reservation check or the asymmetric access state check. A gate that refuses returns the result the
 * command ends with (RESERVATION CONFLICT, NOT READY, ...).
 */
@FunctionalInterface
public interface Gate {

    /**
     * The places in the gate where a pluggable check runs, in order. The engine's own readiness check (NOT READY)
     * runs between {@link #ASYMMETRIC_ACCESS} and {@link #WRITE_PROTECTION}.
     */
    enum Stage {
        /** After unit attentions: persistent and legacy reservations (SPC-4 5.13). */
        RESERVATION,
        /** After reservations: the asymmetric access state of the nexus's target port group (SPC-4 5.15). */
        ASYMMETRIC_ACCESS,
        /**
         * After readiness: commands that write the medium meet a write-protected logical unit (DATA PROTECT,
         * SBC-4 4.11, SPC-4 7.5.8 SWP).
         */
        WRITE_PROTECTION,
        /** Last before the handler: injected failures of chosen commands (a test facility, not a standard). */
        FAULT_INJECTION;

        /** Whether this stage runs before the engine's readiness check. */
        public boolean beforeReadiness() {
            return this == RESERVATION || this == ASYMMETRIC_ACCESS;
        }
    }

    /** Lets the command through (empty) or ends it with the returned result. */
    Optional<CommandResult> admit(CommandContext context);
}
