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
    WRITES_MEDIUM,
    /**
     * Processed through a target port group in the standby asymmetric access state (SPC-4 5.15.2.4.4): INQUIRY,
     * LOG SELECT/SENSE, MODE SELECT/SENSE, REPORT LUNS, RECEIVE DIAGNOSTIC RESULTS, SEND DIAGNOSTIC, REPORT and SET
     * TARGET PORT GROUPS, REQUEST SENSE, PERSISTENT RESERVE IN/OUT, echo-buffer READ/WRITE BUFFER.
     */
    ALLOWED_IN_STANDBY,
    /**
     * Processed through a target port group in the unavailable state (SPC-4 5.15.2.4.5): INQUIRY, REPORT LUNS,
     * REPORT and SET TARGET PORT GROUPS, REQUEST SENSE, echo-buffer READ/WRITE BUFFER.
     */
    ALLOWED_IN_UNAVAILABLE,
    /**
     * Processed through a target port group in the transitioning state (SPC-4 5.15.2.4.7): INQUIRY, REPORT LUNS,
     * REPORT TARGET PORT GROUPS, REQUEST SENSE, echo-buffer READ/WRITE BUFFER.
     */
    ALLOWED_WHILE_TRANSITIONING,
    /**
     * Processed for any I_T nexus while another holds an SPC-2 reservation made with RESERVE(6) or RESERVE(10)
     * (SPC-2 5.5.1; SPC-4 5.13.3), beyond the commands that never report a unit attention (INQUIRY, REPORT LUNS,
     * REQUEST SENSE), which the reservation gate always lets through: e.g. REPORT TARGET PORT GROUPS, which
     * multipath daemons poll on every path.
     */
    ALLOWED_UNDER_LEGACY_RESERVATION
}
