package io.github.scsiemu.api;

/** The task management functions of SAM-5 7 (table 43). */
public enum TaskManagementFunction {
    ABORT_TASK,
    ABORT_TASK_SET,
    CLEAR_ACA,
    CLEAR_TASK_SET,
    I_T_NEXUS_RESET,
    LOGICAL_UNIT_RESET,
    QUERY_TASK,
    QUERY_TASK_SET,
    QUERY_ASYNCHRONOUS_EVENT
}
