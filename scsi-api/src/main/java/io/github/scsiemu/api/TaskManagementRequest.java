package io.github.scsiemu.api;

import java.util.Objects;

/**
 * A task management request (SAM-5 7.1): the function, the nexus that sends it, the logical unit it addresses and,
 * for ABORT TASK and QUERY TASK, the tag of the task it refers to.
 *
 * @param nexus         the I_T nexus of the requesting initiator port
 * @param lun           the addressed logical unit (ignored for I_T NEXUS RESET)
 * @param function      the function
 * @param referencedTag the tag of the task to abort or query; 0 for functions that take none
 */
public record TaskManagementRequest(Nexus nexus, Lun lun, TaskManagementFunction function, long referencedTag) {
    public TaskManagementRequest {
        Objects.requireNonNull(nexus, "nexus");
        Objects.requireNonNull(lun, "lun");
        Objects.requireNonNull(function, "function");
    }

    /** A request that refers to no particular task. */
    public static TaskManagementRequest of(Nexus nexus, Lun lun, TaskManagementFunction function) {
        return new TaskManagementRequest(nexus, lun, function, 0);
    }
}
