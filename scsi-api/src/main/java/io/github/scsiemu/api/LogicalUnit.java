package io.github.scsiemu.api;

/**
 * A logical unit (SAM-5 4.6.2): a device server that executes commands and a task manager that executes task
 * management functions. Implementations are thread-safe and never throw for any request: every failure a client
 * can cause is a status with sense data.
 */
public interface LogicalUnit {

    /** Executes one command (SAM-5 5.1) and returns its outcome. */
    ScsiResponse execute(ScsiRequest request);

    /** Executes one task management function (SAM-5 7). */
    TaskManagementResponse manage(TaskManagementRequest request);

    /** Tells the logical unit that an I_T nexus was lost (SAM-5 6.3.4), e.g. an iSCSI session ended. */
    void nexusLost(Nexus nexus);
}
