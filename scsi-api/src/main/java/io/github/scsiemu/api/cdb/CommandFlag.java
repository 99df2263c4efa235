package io.github.scsiemu.api.cdb;

/**
 * How a command passes the shared pre-execution gate (SAM-5 5.14, SPC-4 5.14 and 4.3): properties the standard
 * gives per command rather than per device.
 */
public enum CommandFlag {
    /**
     * Executes without reporting a pending unit attention (SPC-4 5.14: INQUIRY, REPORT LUNS, REQUEST SENSE); the
     * unit attention stays pending unless the command itself clears it.
     */
    ALLOWED_WITH_PENDING_UNIT_ATTENTION,
    /**
     * Executes while the logical unit is not ready (no medium, becoming ready, format in progress): INQUIRY, REPORT
     * LUNS, REQUEST SENSE, MODE SENSE and SELECT, LOG SENSE and SELECT, REPORT SUPPORTED OPERATION CODES, START STOP
     * UNIT and the like.
     */
    ALLOWED_WHEN_NOT_READY,
    /** Transfers data-out and therefore changes the medium or the logical unit's state (used by later gates). */
    WRITES_MEDIUM
}
